using FluentValidation;
using MediatR;

namespace Ledger.Common;

/// <summary>
/// The mediator's one validation step: runs every validator of the request before its handler. A failure never
/// reaches the handler: a request answered with a <see cref="Result{T}"/> gets <see cref="ValidationErrors.Failed"/>,
/// any other request a <see cref="ValidationFailedException"/>. Field names are the JSON names.
/// </summary>
public sealed class ValidationBehavior<TRequest, TResponse>(IEnumerable<IValidator<TRequest>> validators)
    : IPipelineBehavior<TRequest, TResponse>
{
    /// <inheritdoc />
    public async Task<TResponse> Handle(TRequest request, CancellationToken cancellationToken, RequestHandlerDelegate<TResponse> next)
    {
        var errors = new Dictionary<string, List<string>>(StringComparer.Ordinal);
        var context = new ValidationContext<TRequest>(request);
        foreach (var validator in validators)
        {
            var result = await validator.ValidateAsync(context, cancellationToken);
            foreach (var failure in result.Errors)
            {
                var field = JsonFieldName(failure.PropertyName);
                if (!errors.TryGetValue(field, out var messages))
                {
                    errors[field] = messages = [];
                }

                if (!messages.Contains(failure.ErrorMessage))
                {
                    messages.Add(failure.ErrorMessage);
                }
            }
        }

        if (errors.Count == 0)
        {
            return await next();
        }

        var map = errors.ToDictionary(e => e.Key, e => e.Value.ToArray(), StringComparer.Ordinal);
        return ErrorResponse.FromError is { } fromError
            ? fromError(ValidationErrors.Failed(map))
            : throw new ValidationFailedException(map);
    }

    /// <summary><c>Lines[0].Sku</c> → <c>lines[0].sku</c>: the name the client used in its JSON.</summary>
    internal static string JsonFieldName(string propertyName) =>
        string.IsNullOrEmpty(propertyName)
            ? "$"
            : string.Join('.', propertyName.Split('.').Select(s => s.Length == 0 ? s : char.ToLowerInvariant(s[0]) + s[1..]));

    /// <summary>Converts an error to <typeparamref name="TResponse"/> when it is a <see cref="Result{T}"/>.</summary>
    private static class ErrorResponse
    {
        public static readonly Func<LedgerError, TResponse>? FromError = Create();

        private static Func<LedgerError, TResponse>? Create()
        {
            var type = typeof(TResponse);
            if (!type.IsGenericType || type.GetGenericTypeDefinition() != typeof(Result<>))
            {
                return null;
            }

            var conversion = type.GetMethod("op_Implicit", [typeof(LedgerError)])
                ?? throw new InvalidOperationException($"{type} has no conversion from {nameof(LedgerError)}.");
            return conversion.CreateDelegate<Func<LedgerError, TResponse>>();
        }
    }
}
