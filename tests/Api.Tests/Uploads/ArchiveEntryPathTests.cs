using SampleMind.Api.Uploads;

namespace SampleMind.Api.Tests.Uploads;

public sealed class ArchiveEntryPathTests
{
    [Theory]
    [InlineData("kick.wav", "kick.wav")]
    [InlineData("drums/kick.wav", "drums/kick.wav")]
    [InlineData("drums\\snares\\s1.wav", "drums/snares/s1.wav")]
    [InlineData("a//b.wav", "a/b.wav")]
    [InlineData("./x.wav", "x.wav")]
    [InlineData("./drums/./kick.wav", "drums/kick.wav")]
    public void Safe_relative_names_are_normalised(string name, string expected)
    {
        Assert.Null(ArchiveEntryPath.Normalize(name, out var relative));
        Assert.Equal(expected.Replace('/', Path.DirectorySeparatorChar), relative);
    }

    [Theory]
    [InlineData("../etc/passwd")]
    [InlineData("drums/../../x.wav")]
    [InlineData("/etc/passwd")]
    [InlineData("\\server\\share.wav")]
    [InlineData("C:\\x.wav")]
    [InlineData("./../x.wav")]
    [InlineData("./")]
    [InlineData("")]
    [InlineData("a\0b.wav")]
    public void Traversal_and_absolute_names_are_refused(string name) =>
        Assert.NotNull(ArchiveEntryPath.Normalize(name, out _));

    [Theory]
    [InlineData("nul\\u0000.wav", "holds a NUL character")]
    [InlineData("../x.wav", "has a '..' part")]
    [InlineData("/x.wav", "is an absolute path")]
    public void A_refused_name_says_why(string escaped, string reason) =>
        Assert.StartsWith(reason, ArchiveEntryPath.Normalize(System.Text.RegularExpressions.Regex.Unescape(escaped), out _), StringComparison.Ordinal);

    [Fact]
    public void A_part_longer_than_a_file_system_holds_is_refused_by_its_bytes_and_a_long_safe_name_by_its_length()
    {
        var umlauts = new string('ü', 128); // 256 bytes in UTF-8, 128 characters
        var alsoTooLong = new string('ü', 127) + ".w"; // 256 bytes: too long as well
        var ascii = new string('a', 251) + ".wav"; // 255 bytes: fits

        Assert.StartsWith("has a part of 256 bytes", ArchiveEntryPath.Normalize($"drums/{umlauts}", out _), StringComparison.Ordinal);
        Assert.NotNull(ArchiveEntryPath.Normalize(alsoTooLong, out _));
        Assert.Null(ArchiveEntryPath.Normalize($"drums/{ascii}", out _));
        Assert.StartsWith("is longer than 1,024 characters",
            ArchiveEntryPath.Normalize(string.Join('/', Enumerable.Repeat(new string('d', 100), 11)), out _), StringComparison.Ordinal);
    }

    [Fact]
    public void A_name_is_shown_with_its_control_characters_as_codes_and_cut_at_200_characters()
    {
        Assert.Equal("a U+000Anew line U+0000.wav", ArchiveEntryPath.Shown("a \nnew line \0.wav"));
        Assert.Equal("kick.wav", ArchiveEntryPath.Shown("kick.wav"));
        Assert.Equal(new string('x', 200) + "...", ArchiveEntryPath.Shown(new string('x', 300)));
    }
}
