namespace WebMacs.AspNetCore.Tests.Support;

/// <summary>Theory data that runs a storage-touching test once per store.</summary>
public static class TestStores
{
    /// <summary>Gets every store: <c>[MemberData(nameof(TestStores.All), MemberType = typeof(TestStores))]</c>.</summary>
    public static TheoryData<TestStore> All => new(TestStore.Sqlite, TestStore.Postgres);
}
