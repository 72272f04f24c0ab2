using System.Collections.Concurrent;
using System.Diagnostics;
using System.Net;
using System.Text;
using System.Text.Json;

namespace Ledger.Operations.Tests.Failover;

/// <summary>One answer the drill's load got: when (ms since the drill's start), which key, what status and problem.</summary>
public sealed record DrillAnswer(double SentMs, double AnsweredMs, string Key, string Kind, int Status, string? Problem, bool RetryAfter, string Body);

/// <summary>
/// A clerk or committee member of the drill: sends its operations one after another, each with its own
/// Idempotency-Key, and sends an operation again with the same key after a 503 until it succeeds (every 100 ms, faster
/// than the Retry-After of 1 s, to measure the unavailable window finely). Every answer is logged.
/// </summary>
public sealed class DrillClient(HttpClient http, Stopwatch clock, ConcurrentQueue<DrillAnswer> log)
{
    /// <summary>Sends <paramref name="json"/> to <paramref name="path"/> with <paramref name="key"/> until it is not a 503.</summary>
    public async Task<DrillAnswer> SendUntilAnsweredAsync(string kind, string path, string json, string key, TimeSpan patience)
    {
        var deadline = clock.Elapsed + patience;
        while (true)
        {
            var answer = await SendAsync(kind, path, json, key);
            if (answer.Status != (int)HttpStatusCode.ServiceUnavailable || clock.Elapsed > deadline)
            {
                return answer;
            }

            await Task.Delay(100);
        }
    }

    private async Task<DrillAnswer> SendAsync(string kind, string path, string json, string key)
    {
        var sent = clock.Elapsed.TotalMilliseconds;
        using var request = new HttpRequestMessage(HttpMethod.Post, path) { Content = new StringContent(json, Encoding.UTF8, "application/json") };
        request.Headers.Add("Idempotency-Key", key);
        DrillAnswer answer;
        try
        {
            using var response = await http.SendAsync(request);
            var body = await response.Content.ReadAsStringAsync();
            answer = new DrillAnswer(sent, clock.Elapsed.TotalMilliseconds, key, kind, (int)response.StatusCode, ProblemOf(body),
                response.Headers.RetryAfter is not null, body);
        }
        catch (Exception e) when (e is HttpRequestException or TaskCanceledException)
        {
            // The API itself did not answer: the drill fails on it (status 0).
            answer = new DrillAnswer(sent, clock.Elapsed.TotalMilliseconds, key, kind, 0, e.GetType().Name, false, e.Message);
        }

        log.Enqueue(answer);
        return answer;
    }

    private static string? ProblemOf(string body)
    {
        try
        {
            return JsonDocument.Parse(body).RootElement.TryGetProperty("type", out var type) ? type.GetString() : null;
        }
        catch (JsonException)
        {
            return null;
        }
    }
}
