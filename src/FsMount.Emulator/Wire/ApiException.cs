namespace FsMount.Emulator.Wire;

/// <summary>Thrown by request parsing and the store to end a request with a KO answer.</summary>
internal sealed class ApiException : Exception
{
    public ApiException(ApiError error)
        : base(error?.Message)
    {
        Error = error ?? throw new ArgumentNullException(nameof(error));
    }

    public ApiException()
        : this(ApiError.InvalidRequest)
    {
    }

    public ApiException(string message)
        : this(ApiError.InvalidRequest.WithDetail(message))
    {
    }

    public ApiException(string message, Exception innerException)
        : base(message, innerException)
    {
        Error = ApiError.InvalidRequest.WithDetail(message);
    }

    public ApiError Error { get; }
}
