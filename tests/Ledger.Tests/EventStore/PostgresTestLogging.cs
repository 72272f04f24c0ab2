using Microsoft.Extensions.Logging;

namespace Ledger.Tests.EventStore;

/// <summary>Collects log messages so a test can see what a store logged (Npgsql's own included).</summary>
internal sealed class ListLoggerFactory : ILoggerFactory, ILogger
{
    public List<string> Messages { get; } = [];

    public ILogger CreateLogger(string categoryName) => this;

    public void AddProvider(ILoggerProvider provider)
    {
    }

    public void Dispose()
    {
    }

    public IDisposable? BeginScope<TState>(TState state) where TState : notnull => null;

    public bool IsEnabled(LogLevel logLevel) => true;

    public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
    {
        lock (Messages)
        {
            Messages.Add(formatter(state, exception));
        }
    }
}
