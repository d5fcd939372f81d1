using System.Diagnostics.Metrics;

namespace SampleMind.Api.Metrics;

/// <summary>One time series: an instrument and its tag values, in a stable order.</summary>
public sealed record SeriesKey(string Instrument, string Kind, string? Unit, string? Description, IReadOnlyList<KeyValuePair<string, string>> Tags)
{
    public string? Tag(string name)
    {
        foreach (var (key, value) in Tags)
        {
            if (key == name)
            {
                return value;
            }
        }

        return null;
    }

    public bool Equals(SeriesKey? other) =>
        other is not null && Instrument == other.Instrument && Tags.SequenceEqual(other.Tags);

    public override int GetHashCode()
    {
        var hash = new HashCode();
        hash.Add(Instrument);
        foreach (var tag in Tags)
        {
            hash.Add(tag.Key);
            hash.Add(tag.Value);
        }

        return hash.ToHashCode();
    }

    internal static SeriesKey Create(Instrument instrument, ReadOnlySpan<KeyValuePair<string, object?>> tags)
    {
        var list = new List<KeyValuePair<string, string>>(tags.Length);
        foreach (var (key, value) in tags)
        {
            list.Add(new(key, value?.ToString() ?? ""));
        }

        list.Sort(static (a, b) => string.CompareOrdinal(a.Key, b.Key));
        var kind = instrument.GetType().Name;
        return new SeriesKey(instrument.Name, kind[..kind.IndexOf('`', StringComparison.Ordinal)], instrument.Unit, instrument.Description, list);
    }
}
