using Ledger.Common;
using Ledger.EventStore;
using Ledger.Keys;
using Microsoft.AspNetCore.Http.Json;
using Microsoft.AspNetCore.Routing;

namespace Ledger.Api.Infrastructure;

/// <summary>Everything <c>Program.cs</c> needs: services, pipeline and the run loop, so it stays a few lines.</summary>
public static class LedgerApiComposition
{
    /// <summary>Registers the store, the mediator, authentication, problems, JSON, OpenAPI and the body limit.</summary>
    public static WebApplicationBuilder AddLedgerApi(this WebApplicationBuilder builder)
    {
        UseOperatorDefaults(builder.Configuration);
        var services = builder.Services;
        services.AddLedgerStore();
        services.AddSingleton(new EventTypeRegistry([.. MediatorComposition.LedgerAssemblies]));
        services.AddSingleton(new Redemption.Common.RedemptionStreamCaches());
        services.AddSingleton(new OperatorConsole(Console.Out));
        services.AddSingleton<AdminKeyState>();
        services.AddSingleton<AdminKeyBootstrap>();
        services.AddSingleton<ApiKeyDirectory>();
        services.AddSingleton<ApiKeyPrincipals>();
        services.AddMemoryCache();
        services.AddSingleton<LedgerStartup>();
        services.AddSingleton<AuditChecks>();
        services.AddSingleton<Ledger.Audit.VerifyJobs>();
        services.AddHostedService(sp => sp.GetRequiredService<LedgerStartup>());
        services.AddLedgerProjections();
        services.AddHostedService<ExpiryJob>();

        services.AddScoped<HttpCommandContext>();
        services.AddScoped<ICommandContext>(sp => sp.GetRequiredService<HttpCommandContext>());
        services.AddScoped(sp => sp.GetRequiredService<HttpCommandContext>().CreateMint());
        // Registered first, so it is the outermost behaviour and times validation too.
        services.AddScoped(typeof(MediatR.IPipelineBehavior<,>), typeof(CommandMetricsBehavior<,>));
        services.AddLedgerMediator(MediatorComposition.LedgerAssemblies);

        services.AddLedgerAuthorization();
        services.AddProblemDetails();
        services.AddExceptionHandler<LedgerExceptionHandler>();
        // Bad bodies must surface as exceptions the handler above turns into malformed-request problems, in every
        // environment (the framework only throws in Development by default and otherwise answers a bare 400).
        services.Configure<RouteHandlerOptions>(o => o.ThrowOnBadRequest = true);
        services.Configure<JsonOptions>(o => MirrorLedgerJson(o.SerializerOptions));
        services.AddLedgerOpenApi();
        builder.WebHost.ConfigureKestrel(kestrel => kestrel.Limits.MaxRequestBodySize = RequestBodyLimit.Bytes);
        return builder;
    }

    /// <summary>
    /// The middleware, in order: the request log, security headers, problems for exceptions and bare statuses, API keys,
    /// the body's text, then the command context.
    /// </summary>
    public static WebApplication UseLedgerApi(this WebApplication app)
    {
        app.UseMiddleware<RequestLogMiddleware>();
        app.UseMiddleware<SecurityHeaders>();
        app.UseExceptionHandler();
        app.UseStatusCodePages(context =>
            Problems.ForStatus(context.HttpContext.Response.StatusCode, context.HttpContext.Request.Path).ExecuteAsync(context.HttpContext));
        app.UseAuthentication();
        app.UseAuthorization();
        app.UseMiddleware<RequestTextGuard>();
        app.UseMiddleware<CommandContextMiddleware>();
        return app;
    }

    /// <summary>
    /// Runs the server. A store that cannot be opened, or a port already in use, ends the process with one line on
    /// standard error and exit code 1: an operator needs the reason, not a stack trace.
    /// </summary>
    public static async Task<int> RunLedgerAsync(this WebApplication app, TextWriter? error = null)
    {
        if (PortCheck.FindTakenAddress(app.Configuration) is { } taken)
        {
            await (error ?? Console.Error).WriteLineAsync($"The ledger cannot start: {taken} is already in use. {ChoosePort}");
            return 1;
        }

        try
        {
            await app.Services.GetRequiredService<LedgerStartup>().EnsureStartedAsync(app.Lifetime.ApplicationStopping);
            await app.RunAsync();
            return 0;
        }
        catch (Exception ex) when (FindUnavailable(ex) is { } unavailable)
        {
            await (error ?? Console.Error).WriteLineAsync($"The ledger cannot start: {unavailable.Message.ReplaceLineEndings(" ")}");
            return 1;
        }
        catch (IOException ex) when (ex.InnerException is Microsoft.AspNetCore.Connections.AddressInUseException)
        {
            // Taken between the check above and the bind. Kestrel's message names the address.
            await (error ?? Console.Error).WriteLineAsync($"The ledger cannot start: {ex.Message.ReplaceLineEndings(" ")} {ChoosePort}");
            return 1;
        }
    }

    private const string ChoosePort = "Choose another port with --urls http://0.0.0.0:PORT (or ASPNETCORE_URLS).";

    private static EventStoreUnavailableException? FindUnavailable(Exception? ex) => ex switch
    {
        null => null,
        EventStoreUnavailableException unavailable => unavailable,
        AggregateException aggregate => aggregate.InnerExceptions.Select(FindUnavailable).FirstOrDefault(e => e is not null),
        _ => FindUnavailable(ex.InnerException),
    };

    // The executable's own appsettings.json (one log line per request, no SQL) applies whatever the current folder is:
    // `dotnet run --project src/Api` and a service manager start it elsewhere. An appsettings.json in the content
    // root, the environment and the command line still override it, being later sources.
    private static void UseOperatorDefaults(ConfigurationManager configuration)
    {
        var beside = Path.Combine(AppContext.BaseDirectory, "appsettings.json");
        if (File.Exists(beside))
        {
            var defaults = new ConfigurationBuilder().AddJsonFile(beside, optional: true, reloadOnChange: false).Build();
            configuration.Sources.Insert(0, new Microsoft.Extensions.Configuration.ChainedConfigurationSource { Configuration = defaults });
        }
    }

    // Request and response bodies use the same JSON shape as events (camelCase, kebab-case enums, readable Chinese).
    private static void MirrorLedgerJson(System.Text.Json.JsonSerializerOptions options)
    {
        options.PropertyNamingPolicy = LedgerJson.Options.PropertyNamingPolicy;
        options.Encoder = LedgerJson.Options.Encoder;
        options.DefaultIgnoreCondition = LedgerJson.Options.DefaultIgnoreCondition;
        foreach (var converter in LedgerJson.Options.Converters)
        {
            options.Converters.Add(converter);
        }
    }
}
