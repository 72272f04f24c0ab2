using System.Reflection;
using FluentValidation;
using Ledger.Common;
using MediatR;

namespace Ledger.Api.Infrastructure;

/// <summary>
/// Wires MediatR 5.1.0 by hand (its DI extension package does not restore here): the <see cref="ServiceFactory"/>,
/// every request handler found in the given assemblies (scoped, so they share the request's
/// <see cref="ICommandContext"/>) and the one <see cref="ValidationBehavior{TRequest,TResponse}"/>. Validators are
/// registered by FluentValidation's own extension, as singletons: they hold only their rules, which FluentValidation
/// builds in the constructor at a cost worth paying once.
/// </summary>
public static class MediatorComposition
{
    /// <summary>The assemblies that hold the ledger's events, handlers and validators.</summary>
    public static IReadOnlyList<Assembly> LedgerAssemblies { get; } =
    [
        LedgerModule.Assembly,
        Assembly.Load(new AssemblyName("Redemption")),
    ];

    /// <summary>Registers the mediator with the handlers and validators of <paramref name="assemblies"/>.</summary>
    public static IServiceCollection AddLedgerMediator(this IServiceCollection services, IEnumerable<Assembly> assemblies)
    {
        // MS DI answers IEnumerable<T> itself, which is how MediatR asks for the pipeline behaviours.
        services.AddScoped<ServiceFactory>(sp => sp.GetService!);
        services.AddScoped<IMediator, Mediator>();
        services.AddScoped(typeof(IPipelineBehavior<,>), typeof(ValidationBehavior<,>));

        var handled = new Dictionary<Type, Type>();
        foreach (var type in assemblies.SelectMany(a => a.GetTypes()).Where(t => t is { IsClass: true, IsAbstract: false, ContainsGenericParameters: false }))
        {
            foreach (var contract in type.GetInterfaces().Where(i => i.IsGenericType))
            {
                var definition = contract.GetGenericTypeDefinition();
                if (definition == typeof(IRequestHandler<,>))
                {
                    // MediatR would silently take the last one; two handlers for one request is a bug to stop at start.
                    if (!handled.TryAdd(contract, type))
                    {
                        throw new InvalidOperationException($"{contract} is handled by both {handled[contract]} and {type}.");
                    }

                    services.AddScoped(contract, type);
                }
                else if (definition == typeof(INotificationHandler<>))
                {
                    services.AddScoped(contract, type);
                }
            }
        }

        services.AddValidatorsFromAssemblies(assemblies, ServiceLifetime.Singleton);
        return services;
    }
}
