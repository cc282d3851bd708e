using System.Net;
using System.Net.Http.Headers;
using System.Security.Cryptography;
using System.Text;
using WebMacs.AspNetCore.Tests.Dashboards;
using static WebMacs.AspNetCore.Tests.Support.Http;

namespace WebMacs.AspNetCore.Tests.Ota;

// Route 58 (reference §4.3, §10 item 72): multipart bundle uploads streamed into the update folder.
public abstract partial class OtaEndpointsTests
{
    private const string UploadPath = Path + "/upload";

    private static MultipartFormDataContent Bundle(string fileName, byte[] bytes, string field = "file")
    {
        var form = new MultipartFormDataContent();
        var file = new ByteArrayContent(bytes);
        file.Headers.ContentType = new MediaTypeHeaderValue("application/gzip");
        form.Add(file, field, fileName);
        return form;
    }

    private static string UniqueBundle() => $"webmacs-update-{Guid.NewGuid():N}.tar.gz";

    [Fact]
    public async Task Upload_TarGz_Returns201AndStoresTheExactBytes()
    {
        var (host, callers) = await ArrangeAsync();
        var name = UniqueBundle();
        var bytes = RandomNumberGenerator.GetBytes(1234);
        using var form = Bundle(name, bytes);

        using var response = await callers.Admin.PostAsync(UploadPath, form, Ct);

        await response.AssertSuccessAsync(HttpStatusCode.Created, $"Bundle '{name}' uploaded (1,234 bytes). Update will be applied automatically.");
        Assert.Equal(bytes, await File.ReadAllBytesAsync(System.IO.Path.Combine(host.UpdateDirectory(), name), Ct));
    }

    [Fact]
    public async Task Upload_SameNameTwice_Returns409AndKeepsTheFirstFile()
    {
        var (host, callers) = await ArrangeAsync();
        var name = UniqueBundle();
        using var firstForm = Bundle(name, [1]);
        using var secondForm = Bundle(name, [2, 2]);

        using var first = await callers.Admin.PostAsync(UploadPath, firstForm, Ct);
        using var second = await callers.AdminToken.PostAsync(UploadPath, secondForm, Ct);

        await first.AssertSuccessAsync(HttpStatusCode.Created, $"Bundle '{name}' uploaded (1 bytes). Update will be applied automatically.");
        await second.AssertErrorAsync(HttpStatusCode.Conflict, $"Bundle '{name}' already exists.");
        Assert.Equal([1], await File.ReadAllBytesAsync(System.IO.Path.Combine(host.UpdateDirectory(), name), Ct));
    }

    [Theory]
    [InlineData("x.zip")]
    [InlineData("bundle.tar")]
    [InlineData("bundle.TAR.GZ")]
    [InlineData("bundle.tar.gz.txt")]
    public async Task Upload_NotATarGzName_Returns400(string name)
    {
        var (host, callers) = await ArrangeAsync();
        using var form = Bundle(name, [1, 2, 3]);

        using var response = await callers.Admin.PostAsync(UploadPath, form, Ct);

        await response.AssertErrorAsync(HttpStatusCode.BadRequest, "File must be a .tar.gz update bundle.");
        Assert.False(File.Exists(System.IO.Path.Combine(host.UpdateDirectory(), name)));
    }

    [Theory]
    [InlineData("../{0}")]
    [InlineData("../../{0}")]
    [InlineData("..\\{0}")]
    [InlineData("/tmp/{0}")]
    [InlineData("sub/dir/{0}")]
    public async Task Upload_NameWithAPath_IsStoredUnderItsPlainNameInsideTheFolder(string pattern)
    {
        var (host, callers) = await ArrangeAsync();
        var plain = UniqueBundle();
        using var form = Bundle(string.Format(System.Globalization.CultureInfo.InvariantCulture, pattern, plain), [7, 7]);

        using var response = await callers.Admin.PostAsync(UploadPath, form, Ct);

        await response.AssertSuccessAsync(HttpStatusCode.Created, $"Bundle '{plain}' uploaded (2 bytes). Update will be applied automatically.");
        Assert.True(File.Exists(System.IO.Path.Combine(host.UpdateDirectory(), plain)));
        Assert.False(File.Exists(System.IO.Path.Combine(host.DataDirectory, plain)));
        Assert.False(File.Exists(System.IO.Path.Combine("/tmp", plain)));
        Assert.False(File.Exists(System.IO.Path.Combine(System.IO.Path.GetDirectoryName(host.DataDirectory)!, plain)));
    }

    [Fact]
    public async Task Upload_OverTheLimit_Returns413AndLeavesNoFile()
    {
        var (host, callers) = await ArrangeAsync();
        var tooLarge = UniqueBundle();
        var exact = UniqueBundle();
        using var tooLargeForm = Bundle(tooLarge, new byte[OtaHosts.MaxBundleBytes + 1]);
        using var exactForm = Bundle(exact, new byte[OtaHosts.MaxBundleBytes]);

        using var refused = await callers.Admin.PostAsync(UploadPath, tooLargeForm, Ct);
        using var accepted = await callers.Admin.PostAsync(UploadPath, exactForm, Ct);

        await refused.AssertErrorAsync(HttpStatusCode.RequestEntityTooLarge, "Bundle exceeds maximum allowed size (1 MB).");
        Assert.False(File.Exists(System.IO.Path.Combine(host.UpdateDirectory(), tooLarge)));
        await accepted.AssertSuccessAsync(HttpStatusCode.Created, $"Bundle '{exact}' uploaded (1,048,576 bytes). Update will be applied automatically.");
    }

    [Fact]
    public async Task Upload_WithoutAFilePart_Returns422AtBodyFile()
    {
        var (_, callers) = await ArrangeAsync();
        using var otherField = Bundle(UniqueBundle(), [1], field: "bundle");
        using var textField = new MultipartFormDataContent { { new StringContent("not a file"), "file" } };
        using var json = new StringContent("{\"file\":\"x\"}", Encoding.UTF8, "application/json");

        using var missing = await callers.Admin.PostAsync(UploadPath, otherField, Ct);
        using var notAFile = await callers.Admin.PostAsync(UploadPath, textField, Ct);
        using var notMultipart = await callers.Admin.PostAsync(UploadPath, json, Ct);
        using var noBody = await callers.Admin.PostAsync(UploadPath, null, Ct);

        foreach (var response in new[] { missing, notAFile, notMultipart, noBody })
        {
            Assert.Equal(["body/file"], await response.ValidationLocationsAsync());
        }

        Assert.Equal("missing", (await missing.AssertValidationErrorAsync())[0].GetProperty("type").GetString());
    }

    [Fact]
    public async Task Upload_MalformedMultipart_Answers4xxAndTheHostStaysHealthy()
    {
        var (host, callers) = await ArrangeAsync();
        string[] bodies =
        [
            "--b\r\nContent-Disposition: form-data; name=\"file\"; filename=\"a.tar.gz\"\r\n\r\nabc",
            "garbage without boundaries",
            "--b\r\n" + new string('X', 20_000) + "\r\n\r\n",
            "--b\r\nContent-Disposition: form-data; name=\"file\"; filename=\"a\u0000b.tar.gz\"\r\n\r\nabc\r\n--b--\r\n",
        ];

        foreach (var text in bodies)
        {
            using var content = new ByteArrayContent(Encoding.UTF8.GetBytes(text));
            content.Headers.TryAddWithoutValidation("Content-Type", "multipart/form-data; boundary=b");
            using var response = await callers.Admin.PostAsync(UploadPath, content, Ct);
            Assert.True((int)response.StatusCode is >= 400 and < 500, $"{(int)response.StatusCode} for {text[..Math.Min(40, text.Length)]}");
        }

        using var health = await host.Client.GetAsync("/health", Ct);
        Assert.Equal("ok", (await health.ReadOkAsync()).GetProperty("status").GetString());
    }

    [Fact]
    public async Task Upload_Viewer_Returns403BeforeReadingTheFile()
    {
        var (_, callers) = await ArrangeAsync();
        using var viewerForm = Bundle(UniqueBundle(), [1]);
        using var operatorForm = Bundle(UniqueBundle(), [1]);

        using var viewer = await callers.ViewerClient.PostAsync(UploadPath, viewerForm, Ct);
        using var op = await callers.OperatorToken.PostAsync(UploadPath, operatorForm, Ct);

        await viewer.AssertErrorAsync(HttpStatusCode.Forbidden, "Admin privileges required.");
        await op.AssertErrorAsync(HttpStatusCode.Forbidden, "Admin privileges required.");
    }
}
