using FluentValidation;
using Ledger.Api.Infrastructure;
using Ledger.Common;
using MediatR;
using Microsoft.Extensions.DependencyInjection;

namespace Ledger.Api.Tests;

public sealed class ValidationBehaviorTests
{
    public sealed record Line(string? Sku, int Quantity);

    public sealed record Redeem(string? Passbook, IReadOnlyList<Line> Lines) : IRequest<Result<string>>;

    public sealed record Ping(string? Text) : IRequest<string>;

    public sealed class RedeemValidator : AbstractValidator<Redeem>
    {
        public RedeemValidator()
        {
            RuleFor(r => r.Passbook).NotEmpty();
            RuleForEach(r => r.Lines).ChildRules(line => line.RuleFor(l => l.Sku).NotEmpty());
        }
    }

    public sealed class RedeemLineCountValidator : AbstractValidator<Redeem>
    {
        public RedeemLineCountValidator() => RuleFor(r => r.Lines).NotEmpty();
    }

    public sealed class PingValidator : AbstractValidator<Ping>
    {
        public PingValidator() => RuleFor(p => p.Text).NotEmpty();
    }

    public sealed class Handled
    {
        public int Count { get; set; }
    }

    public sealed class RedeemHandler(Handled handled) : IRequestHandler<Redeem, Result<string>>
    {
        public Task<Result<string>> Handle(Redeem request, CancellationToken cancellationToken)
        {
            handled.Count++;
            return Task.FromResult<Result<string>>("redeemed");
        }
    }

    public sealed class PingHandler(Handled handled) : IRequestHandler<Ping, string>
    {
        public Task<string> Handle(Ping request, CancellationToken cancellationToken)
        {
            handled.Count++;
            return Task.FromResult("pong");
        }
    }

    private static (IMediator Mediator, Handled Handled) Compose()
    {
        var services = new ServiceCollection();
        services.AddSingleton<Handled>();
        services.AddLedgerMediator([typeof(ValidationBehaviorTests).Assembly]);
        var scope = services.BuildServiceProvider(validateScopes: true).CreateScope();
        return (scope.ServiceProvider.GetRequiredService<IMediator>(), scope.ServiceProvider.GetRequiredService<Handled>());
    }

    [Fact]
    public async Task A_valid_request_reaches_its_handler()
    {
        var (mediator, handled) = Compose();

        var result = await mediator.Send(new Redeem("P-1", [new Line("oil", 1)]));

        Assert.Equal("redeemed", result.Value);
        Assert.Equal(1, handled.Count);
    }

    [Fact]
    public async Task An_invalid_request_never_reaches_its_handler_and_gets_every_validators_errors_by_json_field()
    {
        var (mediator, handled) = Compose();

        var result = await mediator.Send(new Redeem("", [new Line("oil", 1), new Line(null, 2)]));

        Assert.Equal(0, handled.Count);
        Assert.Equal(ProblemTypes.ValidationFailed, result.Error!.Type);
        Assert.Equal(ErrorKind.Invalid, result.Error.Kind);
        var errors = Assert.IsAssignableFrom<IReadOnlyDictionary<string, string[]>>(result.Error.Extensions!["errors"]);
        Assert.Equal(["lines[1].sku", "passbook"], errors.Keys.Order());

        var empty = await mediator.Send(new Redeem("P-1", []));
        Assert.Contains("lines", ((IReadOnlyDictionary<string, string[]>)empty.Error!.Extensions!["errors"]!).Keys);
    }

    [Fact]
    public async Task An_invalid_request_without_a_result_type_throws_validation_failed()
    {
        var (mediator, handled) = Compose();

        var failure = await Assert.ThrowsAsync<ValidationFailedException>(() => mediator.Send(new Ping("")));

        Assert.Equal(0, handled.Count);
        Assert.Contains("text", failure.Errors.Keys);
    }
}
