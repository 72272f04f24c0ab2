using System.ComponentModel;
using Ledger.Api.Infrastructure;
using Ledger.Api.Statements;
using Ledger.Common;
using Ledger.Communities.GetCommunity;
using Ledger.EventStore;
using Ledger.Households.GetHousehold;
using Ledger.Households.GetStatement;
using MediatR;
using Microsoft.AspNetCore.OpenApi;
using Microsoft.OpenApi;

namespace Ledger.Api.Endpoints;

/// <summary>The passbook statement (存折明细): JSON, CSV for spreadsheets, or a printable A4 page.</summary>
public static class StatementEndpoints
{
    /// <summary>Maps <c>GET /api/households/{passbook}/statement</c>.</summary>
    public static IEndpointRouteBuilder MapStatementEndpoints(this IEndpointRouteBuilder app)
    {
        app.MapGet("/api/households/{passbook}/statement", GetAsync)
            .WithTags("Households")
            .RequireRoles(HouseholdsEndpoints.Readers)
            .WithSummary("A household's passbook statement with running balance: JSON, CSV or printable HTML")
            .WithDescription(
                "Clerk or committee of the household's community, or an auditor; every format alike, with the key in the "
                + "`X-Api-Key` header (never in the URL). `from` and `to` are calendar days (yyyy-MM-dd, inclusive) in the "
                + "community's time zone; the opening balance is the balance before `from`. `asOf` (ISO 8601 with an offset) "
                + "leaves out everything recorded later; `atPosition` (a global ledger position) everything placed after it. Give one "
                + "of the two, not both.\n\n"
                + "`format=json` (default) answers the lines as data. `format=csv` answers a UTF-8 file with a byte-order mark "
                + "(so spreadsheets read Chinese correctly): a header row, an opening-balance row, then one row per entry with "
                + "time (community zone), kind, member, reason, note, points, running balance, who recorded it, event id and "
                + "ledger position. `format=html` answers a printable A4 statement in Chinese whatever the browser's language, or English with "
                + "`lang=en`: household header, opening and closing balance, every entry with who, "
                + "why and the running balance, the time it was generated and the ledger position then. The page "
                + "runs no script and loads only its stylesheet, `/shared/statement.css` of this origin, so it prints the same "
                + "when a console writes it into a window it opened. CSV headers follow `lang` too."
                + HouseholdsEndpoints.NotLeaking)
            .Produces<StatementResponse>(StatusCodes.Status200OK, "application/json")
            .AddOpenApiOperationTransformer(DocumentFileFormats)
            .ProducesProblems(400, 401, 403, 404);
        return app;
    }

    // Produces() keeps one schema per status code, so the CSV and HTML answers of the same 200 are added here.
    internal static Task DocumentFileFormats(OpenApiOperation operation, OpenApiOperationTransformerContext context, CancellationToken _)
    {
        if (operation.Responses?.TryGetValue("200", out var ok) == true && ok.Content is { } content)
        {
            content["text/csv"] = new OpenApiMediaType
            {
                Schema = new OpenApiSchema { Type = JsonSchemaType.String, Description = "UTF-8 with a byte-order mark (format=csv)." },
            };
            content["text/html"] = new OpenApiMediaType
            {
                Schema = new OpenApiSchema { Type = JsonSchemaType.String, Description = "A printable A4 page (format=html)." },
            };
        }

        return Task.CompletedTask;
    }

    private static async Task<IResult> GetAsync(
        [Description("The passbook number.")] string passbook,
        [Description("First calendar day to list (yyyy-MM-dd, community zone); from the first entry when left out.")] string? from,
        [Description("Last calendar day to list, inclusive (yyyy-MM-dd); to the last entry when left out.")] string? to,
        [Description("ISO 8601 time with an offset: leave out everything recorded after it.")] string? asOf,
        [Description("Global ledger position: leave out everything placed after it. Not with `asOf`.")] string? atPosition,
        [Description("`json` (default), `csv` or `html`.")] string? format,
        [Description("Language of html and csv: `zh` (default, whatever `Accept-Language` says) or `en`.")] string? lang,
        HttpContext http,
        IMediator mediator,
        ILedgerStore store,
        TimeProvider clock,
        CancellationToken cancellationToken)
    {
        var errors = new List<(string Field, string Message)>();
        QueryValues.TryParseDate(from, out var first, errors, "from");
        QueryValues.TryParseDate(to, out var last, errors, "to");
        QueryValues.TryParseTime(asOf, out var time, errors, "asOf");
        QueryValues.TryParsePosition(atPosition, out var position, errors, "atPosition");
        var kind = (format ?? "json").ToLowerInvariant();
        if (kind is not ("json" or "csv" or "html"))
        {
            errors.Add(("format", "'format' must be 'json', 'csv' or 'html'."));
        }

        var language = StatementLanguages.Choose(lang);
        if (language is null)
        {
            errors.Add(("lang", StatementLanguages.Unsupported));
        }

        if (errors.Count > 0)
        {
            return Problems.Validation(errors.ToErrorMap());
        }

        // The printed position is read before the statement, so the statement holds every entry up to it (and perhaps
        // a few newer ones); the JSON answer shows none. A statement cut at a position prints that position.
        var head = kind == "json" ? null : await store.ReadHeadAsync(cancellationToken);
        var statement = await mediator.Send(new GetStatementQuery(passbook, first, last, time, position), cancellationToken);
        if (!statement.IsSuccess)
        {
            return statement.Error.ToProblem();
        }

        // A statement is personal: no shared cache may keep it, in any format.
        http.Response.Headers.CacheControl = "no-store";
        if (kind == "json")
        {
            return TypedResults.Ok(statement.Value);
        }

        var community = await mediator.Send(new GetCommunityQuery(statement.Value.CommunityId), cancellationToken);
        var household = await mediator.Send(new GetHouseholdQuery(passbook, time, position), cancellationToken);
        if (!community.IsSuccess || !household.IsSuccess)
        {
            return (community.Error ?? household.Error)!.ToProblem();
        }

        var document = new StatementDocument(
            statement.Value, community.Value, household.Value, clock.GetUtcNow(), Math.Min(position ?? long.MaxValue, head!.Position), language!.Value);
        http.Response.Headers.XContentTypeOptions = "nosniff";
        if (kind == "csv")
        {
            return TypedResults.File(StatementCsvWriter.Write(document), "text/csv; charset=utf-8", $"statement-{passbook}.csv");
        }

        // Nothing on the page runs, and only its stylesheet (of this origin) loads: say so to the browser too.
        http.Response.Headers.ContentSecurityPolicy = "default-src 'none'; style-src 'self'; base-uri 'none'; form-action 'none'; frame-ancestors 'none'";
        return TypedResults.Content(StatementHtmlWriter.Write(document), "text/html; charset=utf-8");
    }
}
