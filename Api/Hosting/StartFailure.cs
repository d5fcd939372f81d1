using Microsoft.Extensions.Options;

namespace SampleMind.Api;

/// <summary>What stopped the host from starting, as the operator reads it: every failed option, then the causes.</summary>
internal static class StartFailure
{
    public static string Describe(Exception error)
    {
        var lines = new List<string>();
        for (var e = error; e is not null; e = e.InnerException)
        {
            if (e is OptionsValidationException validation)
            {
                lines.AddRange(validation.Failures);
            }
            else if (!lines.Contains(e.Message, StringComparer.Ordinal))
            {
                lines.Add(e.Message);
            }
        }

        return string.Join(Environment.NewLine + "  ", lines);
    }
}
