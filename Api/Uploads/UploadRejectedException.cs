namespace SampleMind.Api.Uploads;

/// <summary>An upload refused as a whole (unsafe entry name, too large, too many files); nothing of it is kept.</summary>
internal sealed class UploadRejectedException(string reason, bool tooLarge = false) : Exception(reason)
{
    public bool TooLarge { get; } = tooLarge;
}
