/*
 * SPDX-License-Identifier: GPL-2.0-only
 */

#ifndef SELMCAST_NETANIM_HELPER_H
#define SELMCAST_NETANIM_HELPER_H

#include "selmcast-topology-helper.h"

#include "ns3/selmcast-controller.h"

#include <cstdint>
#include <memory>
#include <string>
#include <vector>

/**
 * \file
 * \ingroup selmcast
 * A NetAnim animation of a training run (--netanim): ns-3's AnimationInterface with positions
 * that show the topology and the receivers the controller selects.
 */

namespace ns3
{

class AnimationInterface;

/**
 * \ingroup selmcast
 * Writes ns-3's NetAnim XML of a run. Positions: the big switch as a star (the switch in the
 * centre, the workers on a circle), the leaf-spine fabric in tiers (spines, leaves, workers
 * under their leaf); the controller apart. Workers are labelled w<i>, routers switch, leaf<r>
 * or spine<r>. The selection is shown as node colours over time: BSP, at each round's
 * selection a worker chosen as a receiver turns green (label: how many senders chose it) and
 * one chosen by none grey; SSP, at each multicast's selection the sender turns orange, its
 * receivers green and the others grey.
 */
class SelmcastNetAnim
{
  public:
    /** A node's place in the animation. */
    struct Position
    {
        double x{0}; //!< NetAnim x
        double y{0}; //!< NetAnim y
    };

    SelmcastNetAnim();
    /** Closes the XML (AnimationInterface writes its last element when destroyed). */
    ~SelmcastNetAnim();

    /**
     * \param topology the network
     * \return positions of the workers (index i), then the routers, then the controller
     */
    static std::vector<Position> Layout(Ptr<SelmcastTopology> topology);

    /**
     * Place the nodes, create the AnimationInterface on path and follow the controller's
     * selections. Call after the run is built, before it runs.
     * \param topology the network
     * \param controller the run's controller
     * \param path the XML file
     */
    void Install(Ptr<SelmcastTopology> topology,
                 Ptr<SelmcastController> controller,
                 const std::string& path);

  private:
    /**
     * BSP SelectionDone sink.
     * \param round the round \param problem the problem \param plan the plan
     * \param ids problem index to worker id
     */
    void OnSelection(uint32_t round,
                     const selmcast::Problem& problem,
                     const selmcast::Plan& plan,
                     const std::vector<uint32_t>& ids);
    /**
     * SSP MulticastSelected sink.
     * \param sender the sender \param round its round \param receivers the receivers
     * \param seconds selector wall time
     */
    void OnMulticastSelected(uint32_t sender,
                             uint32_t round,
                             const std::vector<uint32_t>& receivers,
                             double seconds);
    /**
     * \param worker a worker \param r red \param g green \param b blue
     * \param label its new description
     */
    void Paint(uint32_t worker, uint8_t r, uint8_t g, uint8_t b, const std::string& label);

    Ptr<SelmcastTopology> m_topology;           //!< the network
    std::unique_ptr<AnimationInterface> m_anim; //!< ns-3's writer
};

} // namespace ns3

#endif /* SELMCAST_NETANIM_HELPER_H */
