namespace SampleMind.Search.Text;

/// <summary>A word matched against sample names, paths and tags, with the spellings that count as the same word.</summary>
/// <param name="Term">The canonical term (e.g. "hihat").</param>
/// <param name="Synonyms">Every accepted spelling, the term included (e.g. "hihat", "hi-hat", "hh", "hat").</param>
public sealed record QueryTerm(string Term, IReadOnlyList<string> Synonyms)
{
    /// <summary>
    /// Each synonym split as <see cref="NameTokenizer"/> splits names ("bd0010.wav" → bd, 0010, wav), once per query
    /// rather than once per sample, so that a spelling is matched against a name's words as the name's own words.
    /// </summary>
    internal string[][] SynonymWords { get; } = [.. Synonyms.Select(s => NameTokenizer.Tokenize(s).ToArray())];
}
