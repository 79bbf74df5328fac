using CourseHub.GoogleEmulator;

await GoogleEmulatorApp.Build(args).RunAsync();
