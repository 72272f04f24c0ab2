using System.Reflection;
using MediatR;

namespace Ledger.Testing;

/// <summary>
/// Runs MediatR handlers found by scanning assemblies (the way the API composes them) without a container: each
/// request builds its handler from the services given with it, so every request can carry its own context. No
/// pipeline behaviours: validation is the API's pipeline step and is specified separately.
/// </summary>
public sealed class HandlerMediator(params Assembly[] assemblies)
{
    private readonly Type[] _handlerTypes = assemblies
        .SelectMany(a => a.GetTypes())
        .Where(t => t is { IsClass: true, IsAbstract: false } && t.GetInterfaces().Any(IsRequestHandler))
        .ToArray();

    /// <summary>Sends <paramref name="request"/> to its handler, built from <paramref name="services"/> by constructor type.</summary>
    public Task<TResponse> Send<TResponse>(IRequest<TResponse> request, IReadOnlyDictionary<Type, object> services) =>
        new Mediator(type => Resolve(type, services)).Send(request);

    private static bool IsRequestHandler(Type i) => i.IsGenericType && i.GetGenericTypeDefinition() == typeof(IRequestHandler<,>);

    private object Resolve(Type type, IReadOnlyDictionary<Type, object> services)
    {
        if (type.IsGenericType && type.GetGenericTypeDefinition() == typeof(IEnumerable<>))
        {
            return Array.CreateInstance(type.GetGenericArguments()[0], 0);
        }

        var handler = _handlerTypes.Single(t => t.GetInterfaces().Contains(type));
        var constructor = handler.GetConstructors(BindingFlags.Public | BindingFlags.Instance).Single();
        return constructor.Invoke(constructor.GetParameters().Select(p => Service(p.ParameterType, services)).ToArray());
    }

    // A store given once serves every face a handler asks for (IEventStore, IReadModelStore), as in the API's container.
    private static object Service(Type type, IReadOnlyDictionary<Type, object> services) =>
        services.TryGetValue(type, out var service) ? service : services.Values.First(type.IsInstanceOfType);
}
