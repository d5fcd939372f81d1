using SampleMind.Grains.Catalog;

namespace SampleMind.Grains.Tests.Catalog;

/// <summary>
/// The copies column and the overview's indexes, part of the <see cref="ICatalogStore"/> contract: a catalogue of the
/// first release (no <c>duplicate_of</c> column, no indexes) is brought up to date by <see cref="ICatalogStore.EnsureSchemaAsync"/>.
/// </summary>
public abstract partial class CatalogStoreContractTests
{
    /// <summary>Runs statements on the store's database, outside the store.</summary>
    protected abstract Task ExecuteAsync(string sql);

    [Fact]
    public async Task A_catalogue_of_the_first_release_gains_the_copies_column_filled_from_its_stored_summaries()
    {
        await _store.UpsertAsync("t", Summary("a"), default);
        await _store.UpsertAsync("t", Summary("b") with { DuplicateOf = "a" }, default);
        await _store.UpsertAsync("t", Summary("c") with { DuplicateOf = "a" }, default);
        await _store.UpsertAsync("t", Summary("d"), default);
        await ExecuteAsync("""
            DROP INDEX ix_catalog_samples_copies;
            DROP INDEX ix_catalog_samples_overview;
            ALTER TABLE catalog_samples DROP COLUMN duplicate_of;
            """);

        await _store.EnsureSchemaAsync(default);

        Assert.Equal(["b", "c"], await _store.ListCopiesOfAsync("t", "lib", "a", default));
        Assert.Equal(2, (await _store.DescribeLibraryAsync("t", "lib", default))!.Duplicates);
        // And once more: a migrated catalogue is left as it is.
        await _store.EnsureSchemaAsync(default);
        Assert.Equal(["b", "c"], await _store.ListCopiesOfAsync("t", "lib", "a", default));
    }

    [Fact]
    public async Task A_copy_relinked_or_made_an_original_moves_in_the_copies_lookup_and_count()
    {
        await _store.UpsertAsync("t", Summary("a"), default);
        await _store.UpsertAsync("t", Summary("b") with { DuplicateOf = "a" }, default);
        await _store.UpsertAsync("t", Summary("c") with { DuplicateOf = "a" }, default);

        // The original goes: its first copy becomes the original and the other copy links to it.
        await _store.RemoveSampleAsync("t", "lib", "a", "sha-a", "b", default);
        await _store.UpsertAsync("t", Summary("b"), default);
        await _store.UpsertAsync("t", Summary("c") with { DuplicateOf = "b" }, default);

        Assert.Empty(await _store.ListCopiesOfAsync("t", "lib", "a", default));
        Assert.Equal(["c"], await _store.ListCopiesOfAsync("t", "lib", "b", default));
        var overview = await _store.DescribeLibraryAsync("t", "lib", default);
        Assert.Equal((2L, 1L), (overview!.Samples, overview.Duplicates));
    }
}
