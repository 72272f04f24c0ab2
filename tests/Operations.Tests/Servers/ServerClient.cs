using System.Text;
using System.Text.Json;

namespace Ledger.Operations.Tests.Servers;

/// <summary>An answer of one server: its status and its body as JSON (an empty object when it had none).</summary>
public sealed record ServerAnswer(int Status, JsonElement Body, string Text)
{
    /// <summary>The problem type of an error answer, if it is one.</summary>
    public string? Problem => Body.ValueKind == JsonValueKind.Object && Body.TryGetProperty("type", out var type) ? type.GetString() : null;

    /// <summary>200 or 201.</summary>
    public bool Succeeded => Status is 200 or 201;

    public override string ToString() => $"{Status} {Text[..Math.Min(300, Text.Length)]}";
}

/// <summary>One API key talking to one server; every request answers (a refused connection throws).</summary>
public sealed class ServerClient(Uri server, string key) : IDisposable
{
    private readonly HttpClient _http = new(new SocketsHttpHandler { MaxConnectionsPerServer = 64 })
    {
        BaseAddress = server, Timeout = TimeSpan.FromSeconds(60), DefaultRequestHeaders = { { "X-Api-Key", key } },
    };

    /// <summary>The server this client talks to.</summary>
    public Uri Server => server;

    /// <summary>The same key on another server.</summary>
    public ServerClient On(Uri other) => new(other, key);

    public Task<ServerAnswer> GetAsync(string path) => SendAsync(HttpMethod.Get, path, null, null);

    /// <summary>POSTs <paramref name="body"/> as JSON, with <paramref name="idempotencyKey"/> when given.</summary>
    public Task<ServerAnswer> PostAsync(string path, object body, string? idempotencyKey = null) =>
        SendAsync(HttpMethod.Post, path, JsonSerializer.Serialize(body), idempotencyKey);

    /// <summary>POSTs and throws unless the answer is a success: for setting a ledger up.</summary>
    public async Task<JsonElement> SetUpAsync(string path, object body)
    {
        var answer = await PostAsync(path, body);
        return answer.Succeeded ? answer.Body : throw new InvalidOperationException($"Set-up POST {path} on {server} answered {answer}");
    }

    /// <summary>GETs and throws unless the answer is 200.</summary>
    public async Task<JsonElement> ReadAsync(string path)
    {
        var answer = await GetAsync(path);
        return answer.Status == 200 ? answer.Body : throw new InvalidOperationException($"GET {path} on {server} answered {answer}");
    }

    private async Task<ServerAnswer> SendAsync(HttpMethod method, string path, string? json, string? idempotencyKey)
    {
        using var request = new HttpRequestMessage(method, path);
        if (json is not null)
        {
            request.Content = new StringContent(json, Encoding.UTF8, "application/json");
        }

        if (idempotencyKey is not null)
        {
            request.Headers.Add("Idempotency-Key", idempotencyKey);
        }

        using var response = await _http.SendAsync(request);
        var text = await response.Content.ReadAsStringAsync();
        JsonElement body;
        try
        {
            body = text.Length == 0 ? JsonDocument.Parse("{}").RootElement : JsonDocument.Parse(text).RootElement.Clone();
        }
        catch (JsonException)
        {
            body = JsonDocument.Parse("{}").RootElement;
        }

        return new ServerAnswer((int)response.StatusCode, body, text);
    }

    public void Dispose() => _http.Dispose();
}
