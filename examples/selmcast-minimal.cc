/*
 * SPDX-License-Identifier: GPL-2.0-only
 */

// The README's "use the helpers from your own script" snippet, compiled and run by the test
// suite (test/examples-to-run.py) so that the snippet cannot rot: eight workers on one big
// switch train for three BSP rounds, SELMCAST picking at least two receivers per block.

#include "ns3/core-module.h"
#include "ns3/selmcast-module.h"

#include <iostream>

using namespace ns3;

int
main(int argc, char* argv[])
{
    CommandLine cmd(__FILE__);
    cmd.Parse(argc, argv);

    SelmcastTopologyHelper topo; // workers and a controller on one big switch
    topo.SetAttribute("Workers", UintegerValue(8));
    Ptr<SelmcastTopology> network = topo.Install();
    SelmcastTrainingHelper training;  // a trainer per worker, the controller on its node
    training.SetBlock(1000000, 1440); // 1 MB parameter blocks, 1440-byte segments
    training.SetControllerAttribute("MinReceivers", UintegerValue(2));
    training.SetControllerAttribute("Rounds", UintegerValue(3));
    training.Install(network);
    Simulator::Run(); // the controller stops the simulation after the last round
    std::cout << training.GetController()->GetCompletedRounds() << " rounds done" << std::endl;
    Simulator::Destroy();
    return 0;
}
