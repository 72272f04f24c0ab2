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

                // Every request that changes the ledger may be retried safely with an Idempotency-Key: say so on each.
                if (context.Description.HttpMethod is "POST" or "PUT"
                    && !context.Description.ActionDescriptor.EndpointMetadata.OfType<ChangesNothing>().Any()
                    && operation.Parameters?.Any(p => p.Name == IdempotencyHeader) != true)
                {
                    operation.Parameters ??= [];
                    operation.Parameters.Add(new OpenApiParameter
                    {
                        Name = IdempotencyHeader,
                        In = ParameterLocation.Header,
                        Description = IdempotencyDescription,
                        Schema = new OpenApiSchema { Type = JsonSchemaType.String, MaxLength = CommandContextMiddleware.MaxIdempotencyKeyLength },
                    });
                }

                return Task.CompletedTask;
            });
            OpenApiExamples.Register(options);
        });

    /// <summary>Marks a POST that changes nothing in the ledger (so its operation offers no Idempotency-Key).</summary>
    public static TBuilder ChangesNothing<TBuilder>(this TBuilder builder)
        where TBuilder : IEndpointConventionBuilder => builder.WithMetadata(new ChangesNothing());

    private const string IdempotencyHeader = CommandContextMiddleware.IdempotencyHeader;

    /// <summary>The OpenAPI description of the <c>Idempotency-Key</c> header every ledger-changing request accepts.</summary>
    internal const string IdempotencyDescription =
        "Optional, 1 to 200 printable ASCII characters. Sending the same key with the same request again returns the "
        + "original status and body and changes nothing; the same key with a different request is a 422 "
        + "`idempotency-key-reused` problem. Keys are scoped to the API key that sends them.";
}

/// <summary>Metadata of a POST that reads or renders only (see <see cref="OpenApiComposition.ChangesNothing{TBuilder}"/>).</summary>
public sealed class ChangesNothing;
