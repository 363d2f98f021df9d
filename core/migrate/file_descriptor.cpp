#include "core/migrate/file_descriptor.hpp"

#include <cerrno>

#include <unistd.h>

namespace orm::migrate {

FileDescriptor::~FileDescriptor()
{
  close();
}

int
FileDescriptor::close()
{
  if (m_fd < 0) {
    return 0;
  }
  int result = ::close(m_fd);
  m_fd = -1;
  return result == 0 ? 0 : errno;
}

} // namespace orm::migrate
