namespace Gongkai.Storage;

/// <summary>The storage service a request is addressed to; Shared Key signs table requests differently.</summary>
internal enum StorageService
{
    Blob,
    Queue,
    Table,
}
