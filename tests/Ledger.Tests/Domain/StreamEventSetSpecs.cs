using System.Reflection;
using Ledger.Activities;
using Ledger.Common;
using Ledger.Communities;
using Ledger.EventStore;
using Ledger.HonorRolls;
using Ledger.Households;
using Ledger.Keys;
using Ledger.Sponsorships;
using Redemption;
using Redemption.Catalog;
using Redemption.Redemptions;

namespace Ledger.Tests.Domain;

/// <summary>
/// Each stream's events are a closed set: every event type of the ledger and the supermarket belongs to exactly one
/// stream's marker, and only event types do, so a decider typed by its marker can return nothing its stream does not hold.
/// </summary>
public sealed class StreamEventSetSpecs
{
    /// <summary>One marker per kind of stream. A new kind of stream adds its marker here, or its events fail below.</summary>
    private static readonly Type[] Markers =
    [
        typeof(ICommunityEvent), typeof(IHouseholdEvent), typeof(IActivityEvent), typeof(ISponsorshipEvent),
        typeof(IHonorRollEvent), typeof(IApiKeyEvent), typeof(ICatalogItemEvent), typeof(IRedemptionEvent),
    ];

    private static readonly Type[] Types = [.. new[] { LedgerModule.Assembly, RedemptionModule.Assembly }.SelectMany(a => a.GetTypes())];

    [Fact]
    public void Every_event_type_belongs_to_exactly_one_stream()
    {
        var events = Types.Where(t => t.GetCustomAttribute<EventTypeAttribute>() is not null).ToList();

        Assert.NotEmpty(events);
        Assert.All(events, e => Assert.True(
            Markers.Count(m => m.IsAssignableFrom(e)) == 1, $"{e.FullName} implements {Markers.Count(m => m.IsAssignableFrom(e))} stream markers, not one."));
    }

    [Fact]
    public void Only_sealed_event_records_carry_a_stream_marker()
    {
        var marked = Types.Where(t => t.IsClass && Markers.Any(m => m.IsAssignableFrom(t))).ToList();

        Assert.All(marked, t => Assert.True(
            t.IsSealed && t.GetCustomAttribute<EventTypeAttribute>() is not null, $"{t.FullName} carries a stream marker but is no sealed [EventType] record."));
    }

    [Fact]
    public void Markers_are_markers_only_so_the_stored_json_is_each_records_own()
    {
        Assert.All(Markers, m => Assert.True(m.IsInterface && m.GetMembers().Length == 0 && m.GetInterfaces().Length == 0, m.Name));
    }
}
