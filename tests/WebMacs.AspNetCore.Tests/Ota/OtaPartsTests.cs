using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using WebMacs.Domain;
using WebMacs.Ota;

namespace WebMacs.AspNetCore.Tests.Ota;

/// <summary>The pieces of the OTA service that need no host: versions, the state machine, release parsing, bundle limits.</summary>
public sealed class OtaPartsTests
{
    [Theory]
    [InlineData("2.0.0", "2.0.1", true)]
    [InlineData("2.0.0", "2.10.0", true)]
    [InlineData("2.9.9", "10.0.0", true)]
    [InlineData("2.0.0", "2.0.0", false)]
    [InlineData("2.0.0", "1.99.99", false)]
    [InlineData("2.0.0", "3.0", false)]
    [InlineData("2.0.0", "3.0.0-rc1", false)]
    [InlineData("2.0.0", "", false)]
    [InlineData("2.0.0", null, false)]
    [InlineData("2.0.0", "99999999999999999999999.0.0", true)]
    public void FirmwareVersion_IsNewer_ComparesNumericTriples(string current, string? candidate, bool newer) =>
        Assert.Equal(newer, FirmwareVersion.IsNewer(current, candidate));

    [Fact]
    public void FirmwareStates_Transitions_AreExactlyTheDocumentedOnes()
    {
        (UpdateStatus, UpdateStatus)[] allowed =
        [
            (UpdateStatus.Pending, UpdateStatus.Downloading), (UpdateStatus.Pending, UpdateStatus.Completed), (UpdateStatus.Pending, UpdateStatus.Failed),
            (UpdateStatus.Downloading, UpdateStatus.Verifying), (UpdateStatus.Downloading, UpdateStatus.Failed),
            (UpdateStatus.Verifying, UpdateStatus.Applying), (UpdateStatus.Verifying, UpdateStatus.Failed),
            (UpdateStatus.Applying, UpdateStatus.Completed), (UpdateStatus.Applying, UpdateStatus.Failed),
            (UpdateStatus.Completed, UpdateStatus.RolledBack), (UpdateStatus.Failed, UpdateStatus.Pending), (UpdateStatus.RolledBack, UpdateStatus.Pending),
        ];

        foreach (var from in Enum.GetValues<UpdateStatus>())
        {
            foreach (var to in Enum.GetValues<UpdateStatus>())
            {
                Assert.Equal(allowed.Contains((from, to)), FirmwareStates.CanMove(from, to));
            }
        }
    }

    [Fact]
    public void FirmwareStates_ForbiddenMove_GivesTheOriginalConflictText()
    {
        var update = new FirmwareUpdate { Version = "1.0.0", Status = UpdateStatus.Pending };

        var outcome = FirmwareStates.Move(update, UpdateStatus.RolledBack);

        Assert.Equal("Cannot transition from 'pending' to 'rolled_back'", outcome.Detail);
        Assert.Equal(UpdateStatus.Pending, update.Status);
    }

    [Fact]
    public void GitHubReleases_Parse_TakesTheFirstBundleAssetAndStripsLeadingVs()
    {
        var release = GitHubReleases.Parse("""
            {"tag_name":"vv2.3.4","html_url":"https://h","assets":[{"name":"x.tar.gz"},{"name":"webmacs-update-1.tar.gz","browser_download_url":"https://a"},{"name":"webmacs-update-2.tar.gz","browser_download_url":"https://b"}]}
            """u8.ToArray());

        Assert.Equal(new GitHubRelease("2.3.4", "https://a", "https://h", null), release);
    }

    [Theory]
    [InlineData("{\"tag_name\":\"\"}")]
    [InlineData("{\"tag_name\":\"vvv\"}")]
    [InlineData("{}")]
    public void GitHubReleases_Parse_EmptyTag_HasNoVersion(string json) =>
        Assert.Null(GitHubReleases.Parse(System.Text.Encoding.UTF8.GetBytes(json)).Version);

    [Theory]
    [InlineData(500L * 1024 * 1024, "Bundle exceeds maximum allowed size (500 MB).")]
    [InlineData(1024 * 1024, "Bundle exceeds maximum allowed size (1 MB).")]
    [InlineData(1500, "Bundle exceeds maximum allowed size (1,500 bytes).")]
    public void BundleStore_TooLargeMessage_NamesTheLimit(long limit, string message)
    {
        var options = Microsoft.Extensions.Options.Options.Create(new OtaOptions { MaxBundleBytes = limit });
        var store = new BundleStore(new OtaPaths(options, Microsoft.Extensions.Options.Options.Create(new WebMacsOptions())), options, NullLogger<BundleStore>.Instance);

        Assert.Equal(message, store.TooLargeMessage);
    }

    [Theory]
    [InlineData("a.tar.gz", "a.tar.gz")]
    [InlineData("../a.tar.gz", "a.tar.gz")]
    [InlineData("..\\..\\a.tar.gz", "a.tar.gz")]
    [InlineData("/etc/a.tar.gz", "a.tar.gz")]
    [InlineData("dir/", null)]
    [InlineData("..", null)]
    [InlineData("a\u0000.tar.gz", null)]
    [InlineData("", null)]
    [InlineData(null, null)]
    public void BundleStore_ToPlainFileName_KeepsOnlyTheLastSegment(string? clientName, string? plain) =>
        Assert.Equal(plain, BundleStore.ToPlainFileName(clientName));
}
