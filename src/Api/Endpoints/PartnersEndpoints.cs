using System.ComponentModel;
using Ledger.Api.Infrastructure;
using Ledger.Common;
using Ledger.Communities;
using Ledger.Api.Settlements;
using Ledger.Api.Statements;
using Ledger.Communities.GetCommunity;
using Ledger.Communities.ListPartners;
using Ledger.Communities.RegisterPartner;
using Redemption.Partners;
using MediatR;
using Microsoft.AspNetCore.Mvc;
using static Ledger.Api.Endpoints.EndpointConventions;

namespace Ledger.Api.Endpoints;

/// <summary>Partners (社区合伙人): register (committee), list (committee, clerk, auditor, partners), a partner's settlement of a month.</summary>
public static class PartnersEndpoints
{
    /// <summary>Maps <c>/api/communities/{cid}/partners</c>.</summary>
    public static IEndpointRouteBuilder MapPartnersEndpoints(this IEndpointRouteBuilder app)
    {
        var partners = app.MapGroup("/api/communities/{cid}/partners").WithTags("Partners").RequireCommunityScope();
        partners.MapPost("/", RegisterAsync)
            .RequireRoles(Role.Committee)
            .WithSummary("Register a partner (社区合伙人)")
            .WithDescription(
                "Committee of this community. `id` is 1 to 64 letters, digits, `-` or `_`, unique within the community; `kind` is "
                + "`enterprise` (企业), `social-organisation` (社会组织), `partner-unit` (结对共建单位) or `merchant` (商户). A second "
                + "registration of the id is a 409 `partner-exists` problem; another kind is a 400 problem." + IdempotencyNote)
            .Produces<PartnerResponse>(StatusCodes.Status201Created)
            .ProducesProblems(400, 401, 403, 404, 409, 422);

        partners.MapGet("/", ListAsync)
            .RequireRoles(Role.Committee, Role.Clerk, Role.Auditor, Role.Partner, Role.Admin)
            .WithSummary("The community's partners")
            .WithDescription(
                "Committee, clerk and partner keys of this community, auditors, and the admin (who chooses the partner of a "
                + "partner key from this list). Ordered by id.")
            .Produces<PartnersResponse>()
            .ProducesProblems(400, 401, 403, 404);

        partners.MapGet("/{pid}/settlement", SettlementAsync)
            .RequireRoles(Role.Committee, Role.Auditor, Role.Partner)
            .WithSummary("A partner's settlement of a month (核销结算): JSON, CSV or a printable page")
            .WithDescription(
                "Committee of this community, auditors, and that partner's own key (another partner's key is 403). `period` is a "
                + "month, `yyyy-MM`, in the community's calendar. The vouchers of services the partner provides that were fulfilled "
                + "in the month, per sku: `count`, `points` and `amountFen`, what the community owes at the settlement price of the "
                + "version each voucher was redeemed at; then the totals. `format=csv` answers a UTF-8 file with a byte-order mark; "
                + "`format=html` a printable A4 page (核销结算单) with signature lines for the partner and the committee, in Chinese "
                + "whatever the browser's language, or English with `lang=en`. The page runs no script and loads only its "
                + "stylesheet, `" + SettlementDocument.Stylesheet + "`.")
            .Produces<SettlementResponse>(StatusCodes.Status200OK, "application/json")
            .AddOpenApiOperationTransformer(StatementEndpoints.DocumentFileFormats)
            .ProducesProblems(400, 401, 403, 404);
        return app;
    }

    private static async Task<IResult> SettlementAsync(
        [Description("The community's id.")] string cid,
        [Description("The partner's id.")] string pid,
        [Description("The month, yyyy-MM.")] string? period,
        [Description("`json` (default), `csv` or `html`.")] string? format,
        [Description("Language of html and csv: `zh` (default) or `en`.")] string? lang,
        HttpContext http,
        IMediator mediator,
        TimeProvider clock,
        CancellationToken cancellationToken)
    {
        var kind = (format ?? "json").ToLowerInvariant();
        var language = StatementLanguages.Choose(lang);
        var errors = new Dictionary<string, string[]>(StringComparer.Ordinal);
        if (period is null)
        {
            errors["period"] = ["'period' is required: a month, yyyy-MM."];
        }

        if (kind is not ("json" or "csv" or "html"))
        {
            errors["format"] = ["'format' must be 'json', 'csv' or 'html'."];
        }

        if (language is null)
        {
            errors["lang"] = [StatementLanguages.Unsupported];
        }

        if (errors.Count > 0)
        {
            return Problems.Validation(errors);
        }

        var settlement = await mediator.Send(new GetSettlementQuery(cid, pid, period!), cancellationToken);
        if (!settlement.IsSuccess || kind == "json")
        {
            return settlement.ToOk();
        }

        http.Response.Headers.XContentTypeOptions = "nosniff";
        if (kind == "csv")
        {
            return TypedResults.File(
                SettlementDocument.Csv(settlement.Value, language!.Value), "text/csv; charset=utf-8", $"settlement-{pid}-{period}.csv");
        }

        var community = await mediator.Send(new GetCommunityQuery(cid), cancellationToken);
        http.Response.Headers.ContentSecurityPolicy = "default-src 'none'; style-src 'self'; base-uri 'none'; form-action 'none'; frame-ancestors 'none'";
        return TypedResults.Content(
            SettlementDocument.Html(settlement.Value, language!.Value, clock.GetUtcNow(), community.Value?.TimeZone ?? CommunityCalendar.DefaultTimeZone),
            "text/html; charset=utf-8");
    }

    private static async Task<IResult> RegisterAsync(
        [Description("The community's id.")] string cid,
        RegisterPartnerRequest body,
        [FromHeader(Name = "Idempotency-Key"), Description(IdempotencyKeyDescription)] string? idempotencyKey,
        IMediator mediator,
        CancellationToken cancellationToken) =>
        Missing(("kind", body.Kind is not null)) is { } missing
            ? missing
            : (await mediator.Send(new RegisterPartnerCommand(cid, body.Id!, body.Name!, body.Kind!.Value), cancellationToken))
                .WithBodyFieldNames(("partnerId", "id"))
                .ToCreated(p => $"/api/communities/{cid}/partners");

    private static async Task<IResult> ListAsync(
        [Description("The community's id.")] string cid, IMediator mediator, CancellationToken cancellationToken) =>
        (await mediator.Send(new ListPartnersQuery(cid), cancellationToken)).ToOk();
}

/// <summary>The body of <c>POST /api/communities/{cid}/partners</c>.</summary>
/// <param name="Id">The partner's id: 1 to 64 letters, digits, <c>-</c> or <c>_</c>, unique within the community.</param>
/// <param name="Name">Its name, e.g. 长者发屋.</param>
/// <param name="Kind"><c>enterprise</c>, <c>social-organisation</c>, <c>partner-unit</c> or <c>merchant</c>.</param>
public sealed record RegisterPartnerRequest(string? Id, string? Name, PartnerKind? Kind);
