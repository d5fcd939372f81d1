namespace SampleMind.Search.Text;

/// <summary>A word matched against sample names, paths and tags, with the spellings that count as the same word.</summary>
/// <param name="Term">The canonical term (e.g. "hihat").</param>
/// <param name="Synonyms">Every accepted spelling, the term included (e.g. "hihat", "hi-hat", "hh", "hat").</param>
public sealed record QueryTerm(string Term, IReadOnlyList<string> Synonyms);
