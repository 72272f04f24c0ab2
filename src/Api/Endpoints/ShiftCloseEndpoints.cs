using System.Globalization;
using Ledger.Api.Infrastructure;
using Redemption.ShiftClose;
using MediatR;

namespace Ledger.Api.Endpoints;

/// <summary>The clerk's shift close (日结): <c>GET /api/communities/{cid}/shift-close</c>.</summary>
public static class ShiftCloseEndpoints
{
    /// <summary>Maps the shift close.</summary>
    public static IEndpointRouteBuilder MapShiftCloseEndpoints(this IEndpointRouteBuilder app)
    {
        app.MapGet("/api/communities/{cid}/shift-close", async (
                string cid, string? date, string? clerk, string? format, string? lang, IMediator mediator, CancellationToken ct) =>
            {
                var errors = new Dictionary<string, string[]>();
                DateOnly? day = null;
                if (date is not null)
                {
                    if (DateOnly.TryParseExact(date, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var parsed))
                    {
                        day = parsed;
                    }
                    else
                    {
                        errors["date"] = ["'date' must be a calendar day such as 2025-03-14."];
                    }
                }

                if (format is not (null or "json" or "html"))
                {
                    errors["format"] = ["'format' must be json or html."];
                }

                if (lang is not (null or "zh" or "en"))
                {
                    errors["lang"] = ["'lang' must be zh or en."];
                }

                if (errors.Count > 0)
                {
                    return Problems.Validation(errors);
                }

                var result = await mediator.Send(new GetShiftCloseQuery(cid, day, clerk), ct);
                return format == "html"
                    ? result.ToResult(r => Results.Content(ShiftCloseHtml.Render(r, lang == "en"), "text/html; charset=utf-8"))
                    : result.ToOk();
            })
            .RequireCommunityScope()
            .RequireRoles(HouseholdsEndpoints.Readers)
            .WithTags("Shift close")
            .WithSummary("One clerk's day: redemptions, cancellations, net points, units per sku, vouchers; ?format=html prints it")
            .Produces<ShiftCloseReport>()
            .Produces<string>(StatusCodes.Status200OK, "text/html")
            .ProducesSupermarketProblems(StatusCodes.Status404NotFound);
        return app;
    }
}
