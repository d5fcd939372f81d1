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
        Assert.True(ArchiveEntryPath.TryNormalize(name, out var relative));
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
        Assert.False(ArchiveEntryPath.TryNormalize(name, out _));
}
