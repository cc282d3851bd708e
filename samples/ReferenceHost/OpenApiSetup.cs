using Microsoft.AspNetCore.OpenApi;
using Microsoft.OpenApi;

namespace WebMacs.ReferenceHost;

/// <summary>Titles the OpenAPI document as the original does and declares the bearer scheme.</summary>
internal static class OpenApiSetup
{
    /// <summary>
    /// Adds the OpenAPI document <c>v1</c>. Schemas take their property names from the host's JSON options, so those
    /// are set to the snake_case the API really sends (every endpoint of this host is a WebMacs endpoint).
    /// </summary>
    public static IServiceCollection AddWebMacsOpenApi(this IServiceCollection services)
    {
        services.ConfigureHttpJsonOptions(o => o.SerializerOptions.PropertyNamingPolicy = System.Text.Json.JsonNamingPolicy.SnakeCaseLower);
        return services.AddOpenApi(options => options.AddWebMacsDocumentInfo());
    }

    private static OpenApiOptions AddWebMacsDocumentInfo(this OpenApiOptions options) =>
        options.AddDocumentTransformer((document, _, _) =>
        {
            document.Info = new OpenApiInfo
            {
                Title = "WebMACS API",
                Version = "2.0.0",
                Description = "WebMacs for .NET: the WebMACS REST API v1. Authenticate with POST /api/v1/auth/login and send the access token (or a wm_ API token) as a Bearer token.",
            };
            document.Components ??= new OpenApiComponents();
            document.Components.SecuritySchemes ??= new Dictionary<string, IOpenApiSecurityScheme>();
            document.Components.SecuritySchemes["Bearer"] = new OpenApiSecurityScheme
            {
                Type = SecuritySchemeType.Http,
                Scheme = "bearer",
                BearerFormat = "JWT or wm_ API token",
            };
            return Task.CompletedTask;
        });
}
