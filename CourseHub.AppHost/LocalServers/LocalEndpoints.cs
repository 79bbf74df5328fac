namespace CourseHub.AppHost.LocalServers;

public static class LocalEndpoints
{
    /// <summary>
    /// An endpoint the server itself listens on, on 127.0.0.1: not proxied, because a server passes some of its ports to
    /// other processes (RabbitMQ to epmd), and because a proxy would only add a hop to every query.
    /// </summary>
    public static IResourceBuilder<T> WithLocalEndpoint<T>(this IResourceBuilder<T> builder, string name, int port, string scheme)
        where T : IResourceWithEndpoints =>
        builder.WithEndpoint(name, endpoint =>
        {
            endpoint.Port = endpoint.TargetPort = port;
            endpoint.IsProxied = false;
            endpoint.UriScheme = scheme;
            endpoint.TargetHost = "127.0.0.1";
        });
}
