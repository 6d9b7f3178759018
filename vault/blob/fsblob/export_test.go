package fsblob

// NewBuffered is New with writers that never write directly: the page
// cache's path, whatever the file system.
func NewBuffered(dir string) *Store { return &Store{dir: dir, buffered: true} }
