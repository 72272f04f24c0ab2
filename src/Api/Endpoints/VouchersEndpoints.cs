using Ledger.Api.Infrastructure;
using Ledger.Common;
using Redemption.Redemptions;
using Redemption.Vouchers;
using Redemption.Vouchers.FulfilVoucher;
using Redemption.Vouchers.ListVouchers;
using MediatR;

namespace Ledger.Api.Endpoints;

/// <summary>Service vouchers: fulfilling one, and listing a community's.</summary>
public static class VouchersEndpoints
{
    /// <summary>Maps the voucher endpoints.</summary>
    public static IEndpointRouteBuilder MapVouchersEndpoints(this IEndpointRouteBuilder app)
    {
        app.MapPost("/api/vouchers/{vid}/fulfil", async (string vid, IMediator mediator, CancellationToken ct) =>
                (await mediator.Send(new FulfilVoucherCommand(vid), ct)).ToOk())
            .RequireRoles(Role.Clerk, Role.Committee, Role.Partner)
            .WithTags("Vouchers")
            .WithSummary("Mark a service voucher fulfilled (once)")
            .WithDescription(
                "Clerk or committee of the voucher's community, or the partner providing its service (the provider of the "
                + "version it was redeemed at); for any other partner the voucher is not found (404). Fulfilling twice is 409.")
            .Produces<VoucherResponse>()
            .ProducesSupermarketProblems(StatusCodes.Status404NotFound, StatusCodes.Status409Conflict, StatusCodes.Status422UnprocessableEntity);
        app.MapGet("/api/communities/{cid}/vouchers", async (string cid, string? status, string? passbook, IMediator mediator, CancellationToken ct) =>
            {
                if (!TryParseStatus(status, out var parsed))
                {
                    return Problems.Validation(new Dictionary<string, string[]>
                    {
                        ["status"] = ["'status' must be open, fulfilled, cancelled or all."],
                    });
                }

                return (await mediator.Send(new ListVouchersQuery(cid, parsed, passbook), ct)).ToOk();
            })
            .RequireCommunityScope()
            .RequireRoles([.. HouseholdsEndpoints.Readers, Role.Partner])
            .WithTags("Vouchers")
            .WithSummary("A community's vouchers; open ones unless ?status=fulfilled|cancelled|all; one household's with ?passbook=")
            .WithDescription("Committee, clerk and auditor keys see every voucher; a partner's key only those of services it provides.")
            .Produces<VoucherListResponse>()
            .ProducesSupermarketProblems();
        return app;
    }

    private static bool TryParseStatus(string? text, out VoucherStatus? status)
    {
        status = text switch
        {
            null or "open" => VoucherStatus.Open,
            "fulfilled" => VoucherStatus.Fulfilled,
            "cancelled" => VoucherStatus.Cancelled,
            _ => null,
        };
        return status is not null || text == "all";
    }
}
