namespace CourseHub.Api.Infrastructure;

/// <summary>
/// Marks one of the few types a feature folder offers to other features (for example the course page reader that
/// the studio's "preview as student" reuses). Everything else in a feature is its own business: the structure test
/// (CourseHub.Tests/Structure) fails when a feature uses another feature's unmarked type, or when features depend in a loop.
/// </summary>
[AttributeUsage(AttributeTargets.Class | AttributeTargets.Struct | AttributeTargets.Enum)]
public sealed class FeatureSeamAttribute : Attribute;
