using CourseHub.Contracts.Video;
using CourseHub.Domain.IntegrationEvents;
using CourseHub.EventBus;
using Microsoft.AspNetCore.SignalR;

namespace CourseHub.Realtime.Features.Notifications;

/// <summary>
/// Pushes a video's processing progress to its teacher's personal topic (every tab of theirs, on every instance through
/// the backplane). No inbox: a repeated or lost update is harmless, the next one says where the job stands.
/// </summary>
public sealed class VideoProcessingChangedHandler(IHubContext<NotificationsHub> hub) : IEventHandler<VideoProcessingChanged>
{
    public Task HandleAsync(VideoProcessingChanged message, MessageContext context, CancellationToken cancellationToken) =>
        hub.Clients.Group(NotificationsHub.GroupOf("user:" + message.TeacherId.ToString().ToLowerInvariant())).SendAsync(VideoHubNames.VideoProcessing,
            new VideoProcessingUpdate(message.CourseId, message.LessonId, message.Generation, message.Status, message.Percent, message.Step,
                message.FailureReason, message.DurationSeconds), cancellationToken);
}
