using System.Net;
using System.Net.Http.Json;
using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace LonghuPilot.Client;

/// <summary>
/// The ledger's HTTP API as the sample uses it: JSON in and out, the caller's key on every request, and on every POST an
/// <c>Idempotency-Key</c> named after the seed and the step, so a retry (or a second run) is answered with the first
/// answer and records nothing twice. Network failures and 502/503/504 are retried with the same key, which is safe.
/// </summary>
public sealed class LedgerClient(HttpClient http, int seed)
{
    /// <summary>How the sample writes and reads JSON: the API's camelCase, kebab-case enum values, nulls left out.</summary>
    public static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web)
    {
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
        DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
    };

    private static readonly TimeSpan[] RetryDelays = [TimeSpan.FromMilliseconds(300), TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(3)];

    /// <summary>Requests sent so far (retries not counted).</summary>
    public int Requests { get; private set; }

    /// <summary>The idempotency key of <paramref name="step"/>: the same seed and step always give the same key.</summary>
    public string IdempotencyKey(string step) => $"longhu-{seed}-{step}";

    /// <summary>
    /// POSTs <paramref name="body"/> and returns the answer as <typeparamref name="T"/>; or null when the server answers
    /// 409 with one of <paramref name="alreadyThere"/> (what the step creates exists already: done, by someone else).
    /// Any other refusal throws a <see cref="PilotException"/> with the server's problem in one line.
    /// </summary>
    public async Task<T?> PostAsync<T>(string apiKey, string path, object? body, string step, CancellationToken ct, params string[] alreadyThere)
        where T : class
    {
        var answer = await SendAsync(HttpMethod.Post, apiKey, path, body, IdempotencyKey(step), ct);
        if (answer.Status == HttpStatusCode.Conflict && alreadyThere.Contains(answer.ProblemSlug))
        {
            return null;
        }

        return answer.IsSuccess ? answer.Read<T>() : throw answer.Failure();
    }

    /// <summary>GETs <paramref name="path"/>; a refusal throws.</summary>
    public async Task<T> GetAsync<T>(string apiKey, string path, CancellationToken ct) where T : class
    {
        var answer = await SendAsync(HttpMethod.Get, apiKey, path, null, null, ct);
        return answer.IsSuccess ? answer.Read<T>() : throw answer.Failure();
    }

    /// <summary>GETs an endpoint the server may not offer yet: null with the reason when it answers 404.</summary>
    public async Task<(T? Value, string? Missing)> GetOptionalAsync<T>(string apiKey, string path, CancellationToken ct) where T : class
    {
        var answer = await SendAsync(HttpMethod.Get, apiKey, path, null, null, ct);
        if (answer.Status == HttpStatusCode.NotFound)
        {
            return (null, "not available on this server (404)");
        }

        return answer.IsSuccess ? (answer.Read<T>(), null) : throw answer.Failure();
    }

    private async Task<Answer> SendAsync(HttpMethod method, string apiKey, string path, object? body, string? key, CancellationToken ct)
    {
        Requests++;
        for (var attempt = 0; ; attempt++)
        {
            using var request = new HttpRequestMessage(method, path.TrimStart('/'));
            request.Headers.Add("X-Api-Key", apiKey);
            if (key is not null)
            {
                request.Headers.Add("Idempotency-Key", key);
            }

            if (body is not null)
            {
                request.Content = JsonContent.Create(body, body.GetType(), options: Json);
            }

            try
            {
                using var response = await http.SendAsync(request, ct);
                var text = await response.Content.ReadAsStringAsync(ct);
                if ((int)response.StatusCode is 502 or 503 or 504 && attempt < RetryDelays.Length)
                {
                    await Task.Delay(RetryDelays[attempt], ct);
                    continue;
                }

                return new Answer(method, path, response.StatusCode, text);
            }
            catch (Exception ex) when (IsTransient(ex, ct) && attempt < RetryDelays.Length)
            {
                await Task.Delay(RetryDelays[attempt], ct);
            }
            catch (Exception ex) when (IsTransient(ex, ct))
            {
                throw new PilotException($"{method} {path}: the server cannot be reached at {http.BaseAddress} ({ex.Message})");
            }
        }
    }

    // A refused connection, a reset, or HttpClient's own timeout (a cancellation nobody asked for).
    private static bool IsTransient(Exception ex, CancellationToken ct) =>
        ex is HttpRequestException || (ex is TaskCanceledException && !ct.IsCancellationRequested);

    private sealed record Answer(HttpMethod Method, string Path, HttpStatusCode Status, string Body)
    {
        public bool IsSuccess => (int)Status is >= 200 and < 300;

        /// <summary>The last segment of the problem's <c>type</c> (<c>/problems/household-exists</c>), or null.</summary>
        public string? ProblemSlug => Problem()?.Type?.Split('/')[^1];

        public T Read<T>()
        {
            try
            {
                return JsonSerializer.Deserialize<T>(Body, Json)
                    ?? throw new PilotException($"{Method} {Path} answered {(int)Status} with an empty body.");
            }
            catch (JsonException ex)
            {
                throw new PilotException($"{Method} {Path} answered {(int)Status} with JSON this sample cannot read: {ex.Message}");
            }
        }

        public PilotException Failure()
        {
            var problem = Problem();
            var what = problem is null
                ? Body.Length is > 0 and < 200 ? Body : ""
                : $"{problem.Type?.Split('/')[^1]}: {problem.Detail ?? problem.Title}";
            return new PilotException($"{Method} {Path} answered {(int)Status} {what}".TrimEnd());
        }

        private ProblemAnswer? Problem()
        {
            try
            {
                return Body.StartsWith('{') ? JsonSerializer.Deserialize<ProblemAnswer>(Body, Json) : null;
            }
            catch (JsonException)
            {
                return null;
            }
        }
    }
}

/// <summary>A refusal or failure, said in one line.</summary>
public sealed class PilotException(string message) : Exception(message);
