using System.Diagnostics.Metrics;
using Ledger.Api.Infrastructure;
using Prometheus;

namespace Ledger.Api.Tests;

/// <summary>
/// The series behind <c>/metrics</c>: each set of tags keeps its own child, found again by its key, whatever the order
/// or type of the tag values, and written as prometheus-net writes labels (sorted by name).
/// </summary>
public sealed class MeterSeriesTests
{
    private readonly CollectorRegistry _registry = Metrics.NewCustomRegistry();

    [Fact]
    public async Task Each_set_of_tags_adds_to_its_own_series_with_labels_sorted_by_name()
    {
        var series = Histogram("test_request_duration");

        series.Record(0.25, [new("route", "/a"), new("status", 200)]);
        series.Record(0.5, [new("route", "/a"), new("status", 200)]);
        series.Record(0.75, [new("route", "/a"), new("status", 503)]);
        series.Record(0.003, [new("status", 200), new("route", "/b")]);

        var text = await ExportAsync();
        Assert.Contains("test_request_duration_count{route=\"/a\",status=\"200\"} 2", text);
        Assert.Contains("test_request_duration_sum{route=\"/a\",status=\"200\"} 0.75", text);
        Assert.Contains("test_request_duration_count{route=\"/a\",status=\"503\"} 1", text);
        Assert.Contains("test_request_duration_bucket{route=\"/a\",status=\"503\",le=\"0.25\"} 0", text);
        Assert.Contains("test_request_duration_count{route=\"/b\",status=\"200\"} 1", text);
    }

    [Fact]
    public async Task Values_that_only_look_alike_are_kept_apart_and_long_values_still_find_their_series()
    {
        var series = Histogram("test_command_duration");
        var longName = new string('x', 600);

        series.Record(1, [new("command", "Redeem"), new("outcome", "ok")]);
        series.Record(1, [new("command", "Redeemok"), new("outcome", "")]);
        series.Record(1, [new("command", longName), new("outcome", null)]);
        series.Record(1, [new("command", longName), new("outcome", null)]);

        var text = await ExportAsync();
        Assert.Contains("test_command_duration_count{command=\"Redeem\",outcome=\"ok\"} 1", text);
        Assert.Contains("test_command_duration_count{command=\"Redeemok\",outcome=\"\"} 1", text);
        Assert.Contains($"test_command_duration_count{{command=\"{longName}\",outcome=\"\"}} 2", text);
    }

    [Fact]
    public async Task A_counter_is_a_gauge_of_its_running_sum_and_an_observable_gauge_its_last_value()
    {
        var counter = new MeterSeries(Metrics.WithCustomRegistry(_registry), "test_appended_events", "help", MeterSeries.Kind.Increment, []);
        var gauge = new MeterSeries(Metrics.WithCustomRegistry(_registry), "test_projection_lag", "help", MeterSeries.Kind.Current, []);

        counter.Record(3, []);
        counter.Record(4, []);
        gauge.Record(10, []);
        gauge.Record(2, []);

        var text = await ExportAsync();
        Assert.Contains("# TYPE test_appended_events gauge", text);
        Assert.Contains("test_appended_events 7", text);
        Assert.Contains("test_projection_lag 2", text);
    }

    [Fact]
    public void Instruments_map_to_the_kind_prometheus_net_can_show_them_as()
    {
        using var meter = new Meter("Test.MeterSeries");

        Assert.Equal(MeterSeries.Kind.Histogram, MeterSeries.KindOf(meter.CreateHistogram<double>("h")));
        Assert.Equal(MeterSeries.Kind.Increment, MeterSeries.KindOf(meter.CreateCounter<long>("c")));
        Assert.Equal(MeterSeries.Kind.Increment, MeterSeries.KindOf(meter.CreateUpDownCounter<int>("u")));
        Assert.Equal(MeterSeries.Kind.Total, MeterSeries.KindOf(meter.CreateObservableCounter("oc", () => 1L)));
        Assert.Equal(MeterSeries.Kind.Current, MeterSeries.KindOf(meter.CreateObservableGauge("og", () => 1.0)));
        Assert.Equal("microsoft_aspnetcore_hosting_http_server_request_duration",
            MeterExport.PrometheusName("Microsoft.AspNetCore.Hosting_http.server.request.duration"));
    }

    private MeterSeries Histogram(string name) =>
        new(Metrics.WithCustomRegistry(_registry), name, "help", MeterSeries.Kind.Histogram, [0.001, 0.01, 0.25, 1]);

    private async Task<string> ExportAsync()
    {
        using var stream = new MemoryStream();
        await _registry.CollectAndExportAsTextAsync(stream);
        return System.Text.Encoding.UTF8.GetString(stream.ToArray());
    }
}
