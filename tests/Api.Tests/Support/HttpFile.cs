using System.Runtime.CompilerServices;
using System.Text;
using System.Text.Json;
using System.Text.RegularExpressions;

namespace Ledger.Api.Tests.Support;

/// <summary>
/// An editor's <c>.http</c> file as VS Code's REST Client and Visual Studio read it: <c>@name = value</c> variables,
/// requests separated by <c>###</c>, <c># @name</c> to refer to a request's answer (<c>{{name.response.body.$.key}}</c>),
/// and this project's <c># expect 201</c> comment saying what a request answers on a fresh ledger.
/// </summary>
public sealed partial class HttpFile
{
    /// <summary>One request of the file.</summary>
    public sealed record Request(string Title, string? Name, int? Expect, string Method, string Url, IReadOnlyList<KeyValuePair<string, string>> Headers, string? Body);

    private HttpFile(Dictionary<string, string> variables, List<Request> requests)
    {
        Variables = variables;
        Requests = requests;
    }

    public Dictionary<string, string> Variables { get; }

    public IReadOnlyList<Request> Requests { get; }

    /// <summary>The file at <paramref name="relativePath"/> from the repository's root.</summary>
    public static HttpFile Load(string relativePath, [CallerFilePath] string callerFile = "")
    {
        var folder = new DirectoryInfo(Path.GetDirectoryName(callerFile)!);
        while (folder is not null && !File.Exists(Path.Combine(folder.FullName, "Ledger.sln")))
        {
            folder = folder.Parent;
        }

        return Parse(File.ReadAllText(Path.Combine(folder?.FullName ?? throw new InvalidOperationException("No Ledger.sln above the tests."), relativePath)));
    }

    public static HttpFile Parse(string text)
    {
        var variables = new Dictionary<string, string>(StringComparer.Ordinal);
        var requests = new List<Request>();
        var blocks = Regex.Split(text.ReplaceLineEndings("\n"), @"^###", RegexOptions.Multiline);
        foreach (var (block, index) in blocks.Select((b, i) => (b, i)))
        {
            var lines = block.Split('\n');
            string? name = null, method = null, url = null;
            int? expect = null;
            var headers = new List<KeyValuePair<string, string>>();
            var body = new StringBuilder();
            var part = index == 0 ? "preamble" : "start";
            foreach (var line in index == 0 ? lines : lines.Skip(1))
            {
                if (part is "preamble" or "start" && Variable().Match(line) is { Success: true } variable)
                {
                    variables[variable.Groups[1].Value] = variable.Groups[2].Value.Trim();
                }
                else if (part == "start" && line.StartsWith('#'))
                {
                    name = NameComment().Match(line) is { Success: true } n ? n.Groups[1].Value : name;
                    expect = ExpectComment().Match(line) is { Success: true } e ? int.Parse(e.Groups[1].Value) : expect;
                }
                else if (part == "start" && line.Trim().Length > 0)
                {
                    var words = line.Trim().Split(' ', 3);
                    (method, url, part) = (words[0], words[1], "headers");
                }
                else if (part == "headers" && line.Trim().Length > 0)
                {
                    var colon = line.IndexOf(':');
                    headers.Add(new(line[..colon].Trim(), line[(colon + 1)..].Trim()));
                }
                else if (part is "headers" or "body")
                {
                    part = "body";
                    body.Append(line).Append('\n');
                }
            }

            if (method is not null)
            {
                var title = lines[0].Trim();
                requests.Add(new Request(title, name, expect, method, url!, headers, body.ToString().Trim() is { Length: > 0 } b ? b : null));
            }
        }

        return new HttpFile(variables, requests);
    }

    /// <summary>Sends every request in order through <paramref name="client"/>, answering with the status and body of each.</summary>
    public async IAsyncEnumerable<(Request Request, int Status, string Body)> RunAsync(HttpClient client)
    {
        var answers = new Dictionary<string, JsonElement>(StringComparer.Ordinal);
        foreach (var request in Requests)
        {
            using var message = new HttpRequestMessage(new HttpMethod(request.Method), Resolve(request.Url, answers));
            if (request.Body is not null)
            {
                message.Content = new StringContent(Resolve(request.Body, answers), Encoding.UTF8);
                message.Content.Headers.ContentType = null;
            }

            foreach (var (header, value) in request.Headers)
            {
                if (!message.Headers.TryAddWithoutValidation(header, Resolve(value, answers)))
                {
                    message.Content!.Headers.TryAddWithoutValidation(header, Resolve(value, answers));
                }
            }

            using var response = await client.SendAsync(message);
            var body = await response.Content.ReadAsStringAsync();
            if (request.Name is not null && response.Content.Headers.ContentType?.MediaType?.Contains("json") == true)
            {
                answers[request.Name] = JsonDocument.Parse(body).RootElement.Clone();
            }

            yield return (request, (int)response.StatusCode, body);
        }
    }

    private string Resolve(string text, IReadOnlyDictionary<string, JsonElement> answers) =>
        Reference().Replace(text, m =>
        {
            var reference = m.Groups[1].Value.Trim();
            var parts = reference.Split(".response.body.$.");
            if (parts.Length == 2)
            {
                var element = answers[parts[0]];
                foreach (var property in parts[1].Split('.'))
                {
                    element = element.GetProperty(property);
                }

                return element.ToString();
            }

            return Resolve(Variables[reference], answers);
        });

    [GeneratedRegex(@"^@([A-Za-z0-9_]+)\s*=(.*)$")]
    private static partial Regex Variable();

    [GeneratedRegex(@"^#\s*@name\s+(\S+)")]
    private static partial Regex NameComment();

    [GeneratedRegex(@"^#\s*expect\s+(\d{3})")]
    private static partial Regex ExpectComment();

    [GeneratedRegex(@"\{\{([^}]+)\}\}")]
    private static partial Regex Reference();
}
