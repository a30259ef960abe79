/*
 * SPDX-License-Identifier: GPL-2.0-only
 */

// The standalone build's counterpart of ns-3's test-runner: Debian ships the test framework in
// libns3-core but no runner. The module's TestSuites are linked into this program, and ns-3's
// own TestRunner parses the usual options (--suite=, --list, --verbose, --tempdir=).

#include "ns3/test.h"

int
main(int argc, char** argv)
{
    return ns3::TestRunner::Run(argc, argv);
}
