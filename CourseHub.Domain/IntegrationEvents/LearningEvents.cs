using CourseHub.Domain.Messaging;

namespace CourseHub.Domain.IntegrationEvents;

/// <summary>
/// A student completed every lesson of a course (the first time): the Worker issues the one certificate, emails it and
/// tells the student in-app. Written by the Api in the same transaction as the completion.
/// </summary>
public sealed record CourseCompleted(Guid UserId, Guid CourseId, DateTimeOffset CompletedAt) : IIntegrationEvent;
