using Ledger.Api.Infrastructure;
using Ledger.Common;
using Redemption.Catalog;
using Redemption.Catalog.GetCatalog;
using Redemption.Catalog.ListCatalogItem;
using Redemption.Catalog.ReceiveStock;
using Redemption.Catalog.WithdrawCatalogItem;
using MediatR;

namespace Ledger.Api.Endpoints;

/// <summary>A community's supermarket catalogue: <c>/api/communities/{cid}/catalog</c>.</summary>
public static class CatalogEndpoints
{
    /// <summary>Maps the catalogue endpoints.</summary>
    public static IEndpointRouteBuilder MapCatalogEndpoints(this IEndpointRouteBuilder app)
    {
        var catalog = app.MapGroup("/api/communities/{cid}/catalog").WithTags("Catalogue").RequireCommunityScope();
        catalog.MapPost("/", async (string cid, CatalogItemBody body, IMediator mediator, CancellationToken ct) =>
                (await mediator.Send(new ListCatalogItemCommand(
                    cid, body.Sku!, body.Name!, body.Kind, body.Points ?? 0, body.Stock, body.Capacity, body.ProviderId, body.SettlementFen), ct)).ToOk())
            .RequireRoles(Role.Committee)
            .WithSummary("List an item, or revise its name, price or capacity (a new version); stock sent is received")
            .Produces<CatalogItemResponse>()
            .ProducesSupermarketProblems(StatusCodes.Status404NotFound, StatusCodes.Status409Conflict);
        catalog.MapGet("/", async (string cid, IMediator mediator, CancellationToken ct) =>
                (await mediator.Send(new GetCatalogQuery(cid), ct)).ToOk())
            .WithSummary("Every item with its current price, stock on hand or remaining capacity, version and withdrawn flag")
            .Produces<CatalogResponse>()
            .ProducesSupermarketProblems(StatusCodes.Status404NotFound);
        catalog.MapGet("/{sku}", async (string cid, string sku, IMediator mediator, CancellationToken ct) =>
                (await mediator.Send(new GetCatalogItemQuery(cid, sku), ct)).ToOk())
            .WithSummary("One item")
            .Produces<CatalogItemResponse>()
            .ProducesSupermarketProblems(StatusCodes.Status404NotFound);
        catalog.MapPost("/{sku}/stock", async (string cid, string sku, StockBody body, IMediator mediator, CancellationToken ct) =>
                (await mediator.Send(new ReceiveStockCommand(cid, sku, body.Quantity ?? 0, body.Note), ct)).ToOk())
            .RequireRoles(Role.Committee, Role.Clerk)
            .WithSummary("Receive goods into stock")
            .Produces<CatalogItemResponse>()
            .ProducesSupermarketProblems(StatusCodes.Status404NotFound, StatusCodes.Status409Conflict);
        catalog.MapPost("/{sku}/withdraw", async (string cid, string sku, ReasonBody body, IMediator mediator, CancellationToken ct) =>
                (await mediator.Send(new WithdrawCatalogItemCommand(cid, sku, body.Reason!), ct)).ToOk())
            .RequireRoles(Role.Committee)
            .WithSummary("Take an item off sale")
            .Produces<CatalogItemResponse>()
            .ProducesSupermarketProblems(StatusCodes.Status404NotFound, StatusCodes.Status409Conflict);
        return app;
    }

    /// <summary>The problems every supermarket endpoint may answer, plus <paramref name="statuses"/>.</summary>
    internal static RouteHandlerBuilder ProducesSupermarketProblems(this RouteHandlerBuilder builder, params int[] statuses)
    {
        builder.ProducesValidationProblem()
            .ProducesProblem(StatusCodes.Status401Unauthorized)
            .ProducesProblem(StatusCodes.Status403Forbidden);
        foreach (var status in statuses)
        {
            builder.ProducesProblem(status);
        }

        return builder;
    }
}

/// <summary>The body of <c>POST /api/communities/{cid}/catalog</c>; anything else sent is ignored.</summary>
/// <param name="Sku">The item's id.</param>
/// <param name="Name">Its name.</param>
/// <param name="Kind"><c>goods</c> or <c>service</c>.</param>
/// <param name="Points">Price of one unit.</param>
/// <param name="Stock">Goods: units received with the listing.</param>
/// <param name="Capacity">Services: total units that may be taken; leave out for unlimited.</param>
/// <param name="ProviderId">Services only: the registered partner who provides it (404 <c>partner-not-found</c> otherwise).</param>
/// <param name="SettlementFen">With a provider: what the community pays it per unit served, in fen (0 or more).</param>
public sealed record CatalogItemBody(
    string? Sku, string? Name, CatalogItemKind? Kind, long? Points, long? Stock, long? Capacity, string? ProviderId = null, long? SettlementFen = null);

/// <summary>The body of <c>POST .../catalog/{sku}/stock</c>.</summary>
/// <param name="Quantity">Units received.</param>
/// <param name="Note">Optional remark.</param>
public sealed record StockBody(long? Quantity, string? Note);

/// <summary>A body carrying only a reason (withdrawing an item, cancelling a redemption).</summary>
/// <param name="Reason">Why.</param>
public sealed record ReasonBody(string? Reason);
