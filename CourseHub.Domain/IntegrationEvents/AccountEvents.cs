using CourseHub.Domain.Messaging;

namespace CourseHub.Domain.IntegrationEvents;

/// <summary>A user asked for a copy of their data: the Worker builds the archive of export <paramref name="ExportId"/> and emails its link.</summary>
public sealed record DataExportRequested(Guid ExportId, Guid UserId) : IIntegrationEvent;
