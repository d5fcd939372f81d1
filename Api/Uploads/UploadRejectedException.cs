namespace SampleMind.Api.Uploads;

/// <summary>
/// An upload refused as a whole (unsafe entry name, too large, too many files, a body in a type or encoding the server
/// does not take); nothing of it is kept.
/// </summary>
internal sealed class UploadRejectedException(string reason, bool tooLarge = false, bool unsupportedType = false) : Exception(reason)
{
    public bool TooLarge { get; } = tooLarge;

    /// <summary>The body's media type or content encoding is not one the endpoint takes (a 415).</summary>
    public bool UnsupportedType { get; } = unsupportedType;
}
