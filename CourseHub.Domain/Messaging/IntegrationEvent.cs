namespace CourseHub.Domain.Messaging;

/// <summary>
/// Marker for records that cross service boundaries over the event bus. The record's type name is
/// its routing key, so renaming one is a breaking change for consumers.
/// </summary>
public interface IIntegrationEvent;
