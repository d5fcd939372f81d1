namespace SampleMind.Grains.Abstractions.Libraries;

/// <summary>A library of a tenant as its catalogue holds it: the samples listed in it and their audio.</summary>
/// <param name="Samples">Catalogue rows: analysed samples and the duplicates linked to them.</param>
/// <param name="AudioSeconds">The samples' durations together.</param>
public sealed record LibrarySummary(string LibraryId, long Samples, double AudioSeconds);

/// <summary>What a library holds, counted over its catalogue rows.</summary>
/// <param name="Duplicates">Rows that are copies of another sample of the library (<c>duplicateOf</c> set).</param>
/// <param name="Bpm">The lowest and highest tempo; null when no sample has one.</param>
/// <param name="Loudness">The lowest and highest integrated loudness (LUFS); null when no sample has one.</param>
/// <param name="Types">Samples by type ("loop", "one-shot").</param>
/// <param name="Keys">Samples by key, most first (ties by Camelot code); a key's Camelot code comes with it.</param>
/// <param name="WithoutKey">Samples with no key (drums, noise, speech).</param>
/// <param name="Defects">Samples by defect kind, every kind named (0 where none has it).</param>
public sealed record LibraryOverview(
    string LibraryId,
    long Samples,
    long Duplicates,
    double AudioSeconds,
    ValueRange? Bpm,
    ValueRange? Loudness,
    IReadOnlyDictionary<string, long> Types,
    IReadOnlyList<KeyCount> Keys,
    long WithoutKey,
    IReadOnlyDictionary<string, long> Defects);

/// <summary>The lowest and highest of a value over a library's samples.</summary>
public sealed record ValueRange(double Min, double Max);

/// <summary>How many samples of a library are in one key.</summary>
/// <param name="Key">The key as analysis names it ("F minor").</param>
/// <param name="Camelot">Its Camelot code ("4A").</param>
public sealed record KeyCount(string Key, string? Camelot, long Samples);
