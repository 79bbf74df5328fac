using CourseHub.Domain.Messaging;

namespace CourseHub.Domain.IntegrationEvents;

/// <summary>
/// A lesson's video was uploaded (or a failed one retried): generation <paramref name="Generation"/> waits in
/// <c>lesson_videos</c> for a Worker to process it. Written by the Api in the same transaction as the upload.
/// </summary>
public sealed record VideoUploaded(Guid LessonId, Guid Generation) : IIntegrationEvent;

/// <summary>
/// Where the processing of a lesson's video stands, for the teacher's studio: Realtime pushes it to the teacher's
/// personal topic. Published directly by the Worker (not through the outbox): a lost one is followed by the next.
/// </summary>
public sealed record VideoProcessingChanged(Guid TeacherId, Guid CourseId, Guid LessonId, Guid Generation, string Status, int Percent,
    string? Step, string? FailureReason, int? DurationSeconds) : IIntegrationEvent;
