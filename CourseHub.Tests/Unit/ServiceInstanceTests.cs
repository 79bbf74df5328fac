using CourseHub.Api.Features.Status;

namespace CourseHub.Tests.Unit;

public sealed class ServiceInstanceTests
{
    [Theory]
    [InlineData("service.instance.id=api-7f3k2", "api-7f3k2")]
    // Several attributes, the instance id neither first nor last, spaces around the separators.
    [InlineData("service.name=api, service.instance.id=api-7f3k2 ,deployment.environment=dev", "api-7f3k2")]
    [InlineData("deployment.environment=dev,service.instance.id=api-7f3k2", "api-7f3k2")]
    // Values are percent-encoded; a value may itself hold '='.
    [InlineData("service.instance.id=api%2Creplica%3D1,service.version=1.0", "api,replica=1")]
    [InlineData("service.instance.id.old=wrong,service.instance.id=right", "right")]
    public void The_instance_id_is_read_from_a_list_of_resource_attributes(string attributes, string expected) =>
        Assert.Equal(expected, ServiceInstance.FromResourceAttributes(attributes));

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("service.name=api,deployment.environment=dev")]
    [InlineData("service.instance.id=")]
    [InlineData("garbage,,=x")]
    public void Without_an_instance_id_there_is_none(string? attributes) =>
        Assert.Null(ServiceInstance.FromResourceAttributes(attributes));
}
