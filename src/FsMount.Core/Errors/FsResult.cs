using System.Diagnostics.CodeAnalysis;

namespace FsMount.Core.Errors;

/// <summary>
/// The outcome of a file-system operation: a value, or the <see cref="FsError"/> that the caller
/// reports to the kernel. Expected misses (a media scanner probing for a missing <c>.srt</c>) are
/// values, not exceptions.
/// </summary>
public readonly struct FsResult<T>
{
    private readonly T? _value;

    internal FsResult(T? value, FsError error)
    {
        _value = value;
        Error = error;
    }

    public FsError Error { get; }

    [MemberNotNullWhen(true, nameof(Value))]
    public bool IsSuccess => Error == FsError.None;

    public T? Value => _value;

    public static implicit operator FsResult<T>(T value) => new(value, FsError.None);

    public static implicit operator FsResult<T>(FsError error)
    {
        ArgumentOutOfRangeException.ThrowIfEqual(error, FsError.None);
        return new FsResult<T>(default, error);
    }
}

/// <summary>Makes <see cref="FsResult{T}"/> values where the implicit conversion cannot (interface types, inferred types).</summary>
public static class FsResult
{
    public static FsResult<T> Success<T>(T value) => new(value, FsError.None);
}
