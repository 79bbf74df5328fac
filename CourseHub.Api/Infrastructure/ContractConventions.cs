using System.Reflection;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Http.Metadata;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.OpenApi;
using Microsoft.OpenApi;

namespace CourseHub.Api.Infrastructure;

/// <summary>
/// The answers every route can give whatever its handler returns, declared once for the OpenAPI document:
/// 400 where there is a body or query to read (malformed JSON, a mistyped value), 401 where a sign-in is needed,
/// 403 where a role is. The handlers' typed results declare the rest.
/// </summary>
public static class ContractConventions
{
    public const string BearerScheme = "Bearer";

    public static TBuilder DeclareCommonProblems<TBuilder>(this TBuilder builder) where TBuilder : IEndpointConventionBuilder
    {
        // Finally: runs after the routes' own conventions, so authorization and body metadata are all there.
        builder.Finally(endpoint =>
        {
            var metadata = endpoint.Metadata;
            var declared = metadata.OfType<IProducesResponseTypeMetadata>().Select(produces => produces.StatusCode).ToHashSet();
            void Declare(int status, Type type)
            {
                if (declared.Add(status))
                {
                    metadata.Add(new ProducesResponseTypeMetadata(status, type, ["application/problem+json"]));
                }
            }
            if (metadata.OfType<IAcceptsMetadata>().Any() || ReadsQuery(endpoint))
            {
                Declare(StatusCodes.Status400BadRequest, typeof(HttpValidationProblemDetails));
            }
            var authorization = metadata.OfType<IAuthorizeData>().ToList();
            if (authorization.Count > 0 && !metadata.OfType<IAllowAnonymous>().Any())
            {
                Declare(StatusCodes.Status401Unauthorized, typeof(ProblemDetails));
                if (authorization.Any(data => data.Policy is not null || data.Roles is not null))
                {
                    Declare(StatusCodes.Status403Forbidden, typeof(ProblemDetails));
                }
            }
        });
        return builder;
    }

    /// <summary>Whether the handler binds simple values that are not in the route, i.e. from the query string.</summary>
    private static bool ReadsQuery(EndpointBuilder endpoint)
    {
        if (endpoint.Metadata.OfType<MethodInfo>().FirstOrDefault() is not { } method)
        {
            return false;
        }
        var routeValues = endpoint is RouteEndpointBuilder route ? route.RoutePattern.Parameters.Select(p => p.Name).ToHashSet(StringComparer.OrdinalIgnoreCase) : [];
        return method.GetParameters().Any(parameter =>
            !routeValues.Contains(parameter.Name ?? "")
            && (Nullable.GetUnderlyingType(parameter.ParameterType) ?? parameter.ParameterType) is var type
            && (type.IsPrimitive || type.IsEnum || type == typeof(string) || type == typeof(Guid) || type == typeof(decimal) || type == typeof(DateTimeOffset)));
    }

    /// <summary>The Bearer scheme in the document, and on each route that needs it (with the roles it needs), so Scalar can send a token.</summary>
    public static OpenApiOptions AddBearerSecurity(this OpenApiOptions options)
    {
        options.AddDocumentTransformer((document, _, _) =>
        {
            document.Components ??= new OpenApiComponents();
            document.Components.SecuritySchemes ??= new Dictionary<string, IOpenApiSecurityScheme>();
            document.Components.SecuritySchemes[BearerScheme] = new OpenApiSecurityScheme
            {
                Type = SecuritySchemeType.Http,
                Scheme = "bearer",
                BearerFormat = "JWT",
                Description = "An access token from POST /api/auth/login.",
            };
            return Task.CompletedTask;
        });
        options.AddOperationTransformer((operation, context, _) =>
        {
            var metadata = context.Description.ActionDescriptor.EndpointMetadata;
            var authorization = metadata.OfType<IAuthorizeData>().ToList();
            if (authorization.Count == 0 || metadata.OfType<IAllowAnonymous>().Any())
            {
                return Task.CompletedTask;
            }
            var roles = authorization.Select(data => data.Roles ?? data.Policy).OfType<string>().Distinct().ToList();
            operation.Security ??= [];
            operation.Security.Add(new OpenApiSecurityRequirement { [new OpenApiSecuritySchemeReference(BearerScheme, context.Document)] = roles });
            return Task.CompletedTask;
        });
        return options;
    }
}
