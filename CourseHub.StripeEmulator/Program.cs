using CourseHub.StripeEmulator;

await StripeEmulatorApp.Build(args).RunAsync();
