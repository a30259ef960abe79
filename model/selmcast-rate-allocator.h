/*
 * SPDX-License-Identifier: GPL-2.0-only
 */

#ifndef SELMCAST_RATE_ALLOCATOR_H
#define SELMCAST_RATE_ALLOCATOR_H

#include "selmcast-problem.h"

#include <cstdint>
#include <string>
#include <vector>

/**
 * \file
 * \ingroup selmcast
 * Sending rates of the transfers that share the ingress and egress ports (spec sections 4 and 5):
 * max-min fairness, strict priority by deadline, and the BSP default that makes every transfer of
 * a round finish together. Plain C++ with no simulator types, so the controller, the tests and the
 * fluid reference use the same code.
 *
 * The network model is the algorithm's: one non-blocking switch, congestion only at the ports. A
 * flow uses the ingress port of its sender and the egress port of every receiver, each at its one
 * rate (an L3 session is as fast as its slowest port; an L7 unicast has one receiver).
 */

namespace ns3
{
namespace selmcast
{

/**
 * \ingroup selmcast
 * One stream sharing the ports: an L3 multicast session (one sender, several receivers, one rate,
 * limited by its slowest port) or one L7 unicast (exactly one receiver).
 */
struct RateFlow
{
    uint32_t sender{0};              //!< the sender; uses ingress[sender]
    std::vector<uint32_t> receivers; //!< distinct, != sender, non-empty; each uses egress[r]
    double remaining{0};             //!< volume still to send, finite and >= 0
    double deadline{0};              //!< DeadlinePriority: earlier goes first (ties: lower index)
    double minRate{0};               //!< guaranteed floor, finite and >= 0 (FinishTogether sets it)
};

/**
 * \ingroup selmcast
 * Port capacities, one ingress and one egress port per worker.
 */
struct RatePorts
{
    std::vector<double> ingress; //!< capacity of worker i's ingress port (i sends), >= 0
    std::vector<double> egress;  //!< capacity of worker j's egress port (j receives), >= 0

    /**
     * Check the capacities: equal sizes, every value finite and >= 0 (0 models a port that is
     * down: its flows get rate 0).
     * \throws std::invalid_argument naming the field, the index and the allowed range
     */
    void Validate() const;
};

/**
 * \ingroup selmcast
 * How concurrent flows share the ports.
 */
enum class RatePolicy
{
    MaxMin,           //!< max-min fair (the SSP default, as in the paper's simulator)
    DeadlinePriority, //!< strict priority, earliest deadline first, work-conserving
    FinishTogether    //!< remaining / t for everyone, leftover shared max-min (the BSP default)
};

/**
 * \ingroup selmcast
 * \param policy a policy
 * \return "maxmin", "deadline" or "finish-together"
 */
std::string ToString(RatePolicy policy);

/**
 * \ingroup selmcast
 * Parse "maxmin", "deadline" or "finish-together" (case-insensitive).
 * \param text the text to parse
 * \return the policy
 * \throws std::invalid_argument naming the allowed values
 */
RatePolicy ParseRatePolicy(const std::string& text);

/**
 * \ingroup selmcast
 * Max-min fair rates by progressive filling over the ingress and egress ports.
 *
 * Every flow starts at its minRate; then all flows rise by the same increment until a port is
 * full, the flows through that port stop, and the others go on. The result is max-min fair in the
 * increments above the floors (with zero floors: plain max-min fairness). Flows with
 * remaining == 0 get 0 and use nothing.
 *
 * \param ports the port capacities
 * \param flows the flows
 * \return one rate per flow
 * \throws std::invalid_argument when an input is invalid or the floors do not fit into a port
 *         (the message names the port)
 */
std::vector<double> MaxMinRates(const RatePorts& ports, const std::vector<RateFlow>& flows);

/**
 * \ingroup selmcast
 * Strict priority by deadline, work-conserving: after every flow's minRate is reserved, the flows
 * in deadline order (ties: lower index first) each take the largest extra rate their ports have
 * left. Flows with remaining == 0 get 0.
 *
 * \param ports the port capacities
 * \param flows the flows
 * \return one rate per flow
 * \throws std::invalid_argument when an input is invalid or the floors do not fit
 */
std::vector<double> DeadlinePriorityRates(const RatePorts& ports,
                                          const std::vector<RateFlow>& flows);

/**
 * \ingroup selmcast
 * The BSP default (spec section 4): every flow gets remaining / t as its floor (its minRate is
 * replaced), so all finish together at t; the bandwidth left over is then shared max-min on top.
 * With t = t(X) of a plan the floors fit by construction of t(X).
 *
 * \param ports the port capacities
 * \param flows the flows
 * \param t the common finish time from now, finite and > 0
 * \return one rate per flow
 * \throws std::invalid_argument when t is out of range or too small for some port (the message
 *         names the port)
 */
std::vector<double> FinishTogetherRates(const RatePorts& ports,
                                        const std::vector<RateFlow>& flows,
                                        double t);

/**
 * \ingroup selmcast
 * Dispatch by policy.
 * \param policy the policy
 * \param ports the port capacities
 * \param flows the flows
 * \param t the common finish time, used by FinishTogether only
 * \return one rate per flow
 * \throws std::invalid_argument as the policy's function does
 */
std::vector<double> AllocateRates(RatePolicy policy,
                                  const RatePorts& ports,
                                  const std::vector<RateFlow>& flows,
                                  double t = 0);

/**
 * \ingroup selmcast
 * The rate allocation with its scratch memory kept between calls: a caller that re-allocates at
 * every event (the BSP controller at every DONE) keeps one, so that a call allocates no memory
 * once it has run at the fabric's size, and passes its flows by pointer, so that no flow (with
 * its receivers) is copied. MaxMinRates, DeadlinePriorityRates, FinishTogetherRates and
 * AllocateRates run this same code: the rates are bit-identical to theirs for the same flows in
 * the same order, whatever the allocator computed before.
 */
class RateAllocator
{
  public:
    /**
     * AllocateRates over flows given by pointer.
     * \param policy the policy
     * \param ports the port capacities
     * \param flows the flows (not null); the error messages index them as RateFlow[f]
     * \param t the common finish time, used by FinishTogether only
     * \return one rate per flow, valid until the next call
     * \throws std::invalid_argument as AllocateRates does
     */
    const std::vector<double>& Allocate(RatePolicy policy,
                                        const RatePorts& ports,
                                        const std::vector<const RateFlow*>& flows,
                                        double t = 0);

    /**
     * MaxMinRates over flows given by pointer.
     * \param ports the port capacities
     * \param flows the flows (not null)
     * \return one rate per flow, valid until the next call
     * \throws std::invalid_argument as MaxMinRates does
     */
    const std::vector<double>& MaxMin(const RatePorts& ports,
                                      const std::vector<const RateFlow*>& flows);

  private:
    /**
     * The ports not full yet by the level at which each gets full: a binary min-heap ordered by
     * (level, port) that knows where each port sits, so that a port's level changes in place
     * (no stale entries to pop) and the smallest (level, port) comes first whatever the order
     * of the changes.
     */
    class LevelHeap
    {
      public:
        /**
         * Empty the heap for ports 0 .. portCount - 1.
         * \param portCount the number of ports
         */
        void Reset(size_t portCount);
        /**
         * Insert a port, or move it to its new level.
         * \param port the port
         * \param level the level at which it is full
         */
        void Set(uint32_t port, double level);
        /**
         * \param port a port in the heap
         */
        void Remove(uint32_t port);
        /** \return true if no port is left */
        bool Empty() const;
        /**
         * Take the port with the smallest (level, port) out.
         * \param level output: its level
         * \return the port
         */
        uint32_t Pop(double& level);

      private:
        /**
         * \param a a heap position
         * \param b a heap position
         * \return true if the entry at a comes before the one at b
         */
        bool Before(size_t a, size_t b) const;
        /**
         * Put a port at a heap position.
         * \param at the position
         * \param port the port
         */
        void Place(size_t at, uint32_t port);
        /**
         * Restore the heap order around one position.
         * \param at the position
         */
        void Fix(size_t at);

        std::vector<uint32_t> m_ports;    //!< the heap, by position
        std::vector<uint32_t> m_position; //!< per port: its position, or kAbsent
        std::vector<double> m_level;      //!< per port: its level
    };

    /**
     * Check the ports and every flow: sender and receivers in range, receivers distinct, not
     * the sender and not empty, remaining and minRate finite and >= 0, deadline not NaN.
     * \param ports the capacities
     * \param flows the flows
     * \throws std::invalid_argument naming the flow as RateFlow[f] and the field
     */
    void Validate(const RatePorts& ports, const std::vector<const RateFlow*>& flows);
    /**
     * m_floors = every flow's minRate.
     * \param flows the flows
     */
    void MinRateFloors(const std::vector<const RateFlow*>& flows);
    /**
     * Reserve m_floors on the ports of every active flow; m_residual gets what each port has left.
     * \param ports the capacities
     * \param flows the flows
     * \param what names the floors in the error message
     */
    void ReserveFloors(const RatePorts& ports,
                       const std::vector<const RateFlow*>& flows,
                       const char* what);
    /**
     * Index the active flows by port, in flow order: m_portStart and m_portFlows (CSR).
     * \param n the number of workers
     * \param flows the flows
     */
    void IndexPorts(size_t n, const std::vector<const RateFlow*>& flows);
    /**
     * Progressive filling on top of m_floors into m_rate.
     * \param ports the capacities
     * \param flows the flows
     * \param what names the floors in the error message
     */
    void FillOnTopOfFloors(const RatePorts& ports,
                           const std::vector<const RateFlow*>& flows,
                           const char* what);
    /**
     * Strict priority by deadline into m_rate.
     * \param ports the capacities
     * \param flows the flows
     */
    void DeadlinePriority(const RatePorts& ports, const std::vector<const RateFlow*>& flows);

    std::vector<double> m_floors;         //!< per flow: its floor
    std::vector<double> m_rate;           //!< per flow: the result
    std::vector<uint8_t> m_frozen;        //!< per flow: its rate is final
    std::vector<uint32_t> m_order;        //!< flows in deadline order
    std::vector<uint8_t> m_seen;          //!< per worker: receiver of the flow being checked
    std::vector<double> m_load;           //!< per port: the floors reserved
    std::vector<double> m_residual;       //!< per port: capacity left above the floors
    std::vector<uint32_t> m_count;        //!< per port: its flows not frozen yet
    std::vector<double> m_frozenSum;      //!< per port: the increments of its frozen flows
    std::vector<uint8_t> m_touched;       //!< per port: changed by the current freeze
    std::vector<uint32_t> m_touchedPorts; //!< the ports m_touched marks
    std::vector<uint32_t> m_portStart;    //!< per port + 1: where its flows start in m_portFlows
    std::vector<uint32_t> m_portFlows;    //!< the active flows of every port, port by port
    LevelHeap m_heap;                     //!< the ports not full yet
};

/**
 * \ingroup selmcast
 * Fluid reference: run the flows to completion, recomputing the rates with the policy each time a
 * flow finishes. FinishTogether recomputes with t = the time left to the first allocation's
 * finish, so every flow finishes by t. Flows that finish within a relative 1e-12 of each other
 * finish at the same event.
 *
 * \param policy the policy
 * \param ports the port capacities
 * \param flows the flows at time 0
 * \param t the common finish time, used by FinishTogether only
 * \return each flow's completion time (0 for remaining == 0; +infinity for a flow that can never
 *         progress, for example behind a port of capacity 0)
 * \throws std::invalid_argument as the policy's function does
 */
std::vector<double> FluidCompletionTimes(RatePolicy policy,
                                         const RatePorts& ports,
                                         std::vector<RateFlow> flows,
                                         double t = 0);

/**
 * \ingroup selmcast
 * The flows of a BSP plan: L3 one flow per sender with at least one receiver, carrying all its
 * receivers; L7 one flow per selected pair (sender, receiver). remaining = v_i, deadline and
 * minRate 0; ordered by sender, then receiver.
 * \param problem the problem
 * \param plan a plan of size n
 * \return the flows
 * \throws std::invalid_argument when the plan's size differs from n
 */
std::vector<RateFlow> FlowsOfPlan(const Problem& problem, const Plan& plan);

/**
 * \ingroup selmcast
 * \param problem the problem
 * \return its bandwidths as port capacities (ingress = b^I, egress = b^E)
 */
RatePorts PortsOfProblem(const Problem& problem);

} // namespace selmcast
} // namespace ns3

#endif // SELMCAST_RATE_ALLOCATOR_H
