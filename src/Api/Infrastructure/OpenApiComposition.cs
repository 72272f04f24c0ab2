using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.OpenApi;
using Microsoft.OpenApi;

namespace Ledger.Api.Infrastructure;

/// <summary>The OpenAPI document at <c>/openapi/v1.json</c>, with the <c>X-Api-Key</c> scheme documented.</summary>
public static class OpenApiComposition
{
    private const string SchemeId = ApiKeyAuthenticationHandler.SchemeName;

    /// <summary>Registers the document and its security scheme.</summary>
    public static IServiceCollection AddLedgerOpenApi(this IServiceCollection services) =>
        services.AddOpenApi(options =>
        {
            options.AddDocumentTransformer((document, _, _) =>
            {
                document.Info.Title = "Service Supermarket Ledger API";
                document.Components ??= new OpenApiComponents();
                document.Components.SecuritySchemes ??= new Dictionary<string, IOpenApiSecurityScheme>();
                document.Components.SecuritySchemes[SchemeId] = new OpenApiSecurityScheme
                {
                    Type = SecuritySchemeType.ApiKey,
                    In = ParameterLocation.Header,
                    Name = ApiKeyAuthenticationHandler.HeaderName,
                    Description = "An API key issued by POST /api/keys (or the admin key). Roles: admin, committee, clerk, auditor.",
                };
                return Task.CompletedTask;
            });
            // Every endpoint needs a key (the fallback policy) unless it allows anonymous callers.
            options.AddOperationTransformer((operation, context, _) =>
            {
                if (!context.Description.ActionDescriptor.EndpointMetadata.OfType<IAllowAnonymous>().Any())
                {
                    operation.Security ??= [];
                    operation.Security.Add(new OpenApiSecurityRequirement
                    {
                        [new OpenApiSecuritySchemeReference(SchemeId, context.Document)] = [],
                    });
                }

                return Task.CompletedTask;
            });
        });
}
