using System.Diagnostics.CodeAnalysis;
using Parley.Core.Errors;

namespace Parley.Core;

/// <summary>A value or the WhatsApp error that stopped it: expected failures are values, not exceptions.</summary>
public readonly record struct Outcome<T>
{
    private Outcome(T? value, WhatsAppError? error)
    {
        Value = value;
        Error = error;
    }

    public T? Value { get; }
    public WhatsAppError? Error { get; }

    [MemberNotNullWhen(true, nameof(Value))]
    [MemberNotNullWhen(false, nameof(Error))]
    public bool Succeeded => Error is null;

    public static Outcome<T> Success(T value) => new(value, null);
    public static Outcome<T> Failure(WhatsAppError error) => new(default, error);

    public static implicit operator Outcome<T>(T value) => Success(value);
    public static implicit operator Outcome<T>(WhatsAppError error) => Failure(error);
}
