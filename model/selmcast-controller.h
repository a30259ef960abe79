/*
 * SPDX-License-Identifier: GPL-2.0-only
 */

#ifndef SELMCAST_CONTROLLER_H
#define SELMCAST_CONTROLLER_H

#include "selmcast-control-header.h"
#include "selmcast-fabric.h"
#include "selmcast-problem.h"
#include "selmcast-rate-allocator.h"
#include "selmcast-rng.h"
#include "selmcast-selector.h"
#include "selmcast-ssp-tau.h"

#include "ns3/application.h"
#include "ns3/event-id.h"
#include "ns3/ipv4-address.h"
#include "ns3/nstime.h"
#include "ns3/random-variable-stream.h"
#include "ns3/traced-callback.h"

#include <map>
#include <memory>
#include <set>
#include <string>
#include <vector>

/**
 * \file
 * \ingroup selmcast
 * The multicast manager: the controller application that runs receiver selection every round.
 */

namespace ns3
{

class Socket;
class SelmcastTopology;
class SelmcastTreeManager;
class SelmcastTreeMessenger;

/**
 * \ingroup selmcast
 * What the controller records about one finished BSP round (trace source RoundComplete).
 * Volumes are wire bytes (block bytes plus the per-segment overhead), times seconds where a
 * double.
 */
struct SelmcastRoundRecord
{
    uint32_t round{0};                //!< the round
    Time start;                       //!< START sent (round 0: the controller started)
    Time syncStart;                   //!< every active worker was ready: ASSIGNs sent
    Time end;                         //!< the last DONE arrived (or its sender was excluded)
    Time transferStart;               //!< earliest start of a transfer (at its sender)
    Time transferEnd;                 //!< latest end of a transfer (at its sender)
    double planTime{0};               //!< t(X) of the plan, seconds
    double fluidIdeal{0};             //!< the fluid lower bound of spec section 7, seconds
    double fluidMaxMin{0};            //!< the plan's fluid completion under max-min, seconds
    double fluidPolicy{0};            //!< the plan's fluid completion under RatePolicy, seconds
    double selectorSeconds{0};        //!< wall time of the selector call
    double scale{0};                  //!< sum x / m^2 over the m active workers
    uint32_t workers{0};              //!< m, active workers in the round
    uint32_t pairs{0};                //!< selected (sender, receiver) pairs
    uint32_t completedPairs{0};       //!< pairs whose receiver got the whole block
    uint64_t wireBytes{0};            //!< bytes the senders put on their links, repairs included
    uint64_t repairBytes{0};          //!< block bytes of the repairs
    std::vector<uint32_t> workerIds;  //!< the active workers, problem index to worker id
    std::vector<double> senderEnd;    //!< per problem index: transfer end - syncStart, s (-1: none)
    std::vector<uint32_t> inFlight;   //!< per problem index: load in its READY, in flight
    std::vector<uint32_t> queued;     //!< per problem index: load in its READY, queued
    selmcast::Plan plan;              //!< the plan over problem indices
    selmcast::Matrix<uint8_t> forced; //!< D over problem indices
    selmcast::Matrix<uint8_t> delivered; //!< n x n over worker ids: (i, j) completed

    /** \return transferEnd - transferStart in seconds: the packet-level synchronization time */
    double TransferSeconds() const;
};

/**
 * \ingroup selmcast
 * What the controller records about one finished SSP multicast (trace source
 * MulticastComplete). Volumes are wire bytes.
 */
struct SelmcastMulticastRecord
{
    uint32_t sender{0};              //!< the sending worker
    uint32_t round{0};               //!< its round (rounds it had completed before this one)
    Time ready;                      //!< READY arrived at the controller: selection ran
    Time start;                      //!< transfer start at the sender (from the DONE)
    Time end;                        //!< transfer end at the sender (from the DONE)
    Time done;                       //!< DONE arrived at the controller
    uint32_t workers{0};             //!< n, the scale's denominator (spec section 7)
    std::vector<uint32_t> selected;  //!< receivers assigned when the sender became ready
    std::vector<uint32_t> completed; //!< receivers that got the whole block
    std::vector<uint32_t> dropped;   //!< receivers removed in flight (preempted or excluded)
    uint64_t wireBytes{0};           //!< bytes the sender put on its link, repairs included
    uint64_t repairBytes{0};         //!< block bytes of the repairs
    double selectorSeconds{0};       //!< wall time of the SelectOnReady call
    uint32_t inFlight{0};            //!< the sender's READY: its transfers in flight
    uint32_t queued{0};              //!< the sender's READY: its transfers queued

    /** \return completed / n: this multicast's scale */
    double Scale() const;
    /**
     * \return end - ready in seconds: how long the sender waited for its own multicast (from
     *         its READY reaching the controller to its last receiver leaving the transfer)
     */
    double SyncSeconds() const;
};

/**
 * \ingroup selmcast
 * The logically central multicast manager (spec section 1), on its own node.
 *
 * BSP round r, all over the network as UDP packets on ControlPort (see SelmcastControlHeader):
 * 1. Every active worker's READY(r) arrives with its ingress and egress bandwidth.
 * 2. The controller builds the Problem over the active workers (volumes in wire bytes, c_ij,
 *    D = {c_ij >= k}), runs the Selector, installs one multicast tree per sender with receivers
 *    (L3, through a SelmcastTreeManager whose changes travel as messages to an agent on each
 *    router, TreeMessages), allocates the rates (RatePolicy over the ports of the problem) and
 *    sends each sender its ASSIGN once its tree is ready (every agent acknowledged its route).
 * 3. DONEs arrive; when the set of transfers changes the rates are re-allocated on the
 *    controller's fluid estimate of what is left, and RATE messages sent.
 * 4. When every transfer is done: c_ij = 0 for the receivers that completed, c_ij + 1 for the
 *    others; trees removed; the round recorded (RoundComplete); START(r + 1) to every worker, or
 *    START with FINISH after Rounds rounds.
 *
 * Liveness: any message from a worker refreshes it; one silent for WorkerTimeout is excluded
 * (WorkerExcluded): it no longer counts for readiness, its own transfer is written off, and
 * every sender serving it is told to PRUNE it (and its tree pruned), so the run goes on.
 * Lost control packets are covered by the trainers' repetitions: a repeated READY is answered
 * with the ASSIGN again, a repeated DONE of a finished round with the START again.
 *
 * Volumes: a segment of SegmentSize block bytes carries FrameOverhead bytes more on the wire
 * (IPv4, UDP, data header, PPP: 62). The controller works in wire bytes: v = BlockSize +
 * segments x FrameOverhead, and the rates it sends are wire rates; the workers pace with
 * PacingOverhead = FrameOverhead (the training helper sets it), so a rate is a link share.
 *
 * Per-transfer state (receivers, remaining volume, rate, pruned receivers) is kept per transfer,
 * not per round, so SSP can reuse it.
 *
 * SSP (Mode SSP, spec sections 5 and 7), the same messages, driven per worker:
 * - r_w counts the rounds w completed (compute plus its own multicast, i.e. its DONEs). A worker
 *   whose DONE arrives gets START(r_w) as soon as r_w - min over active u of r_u <= Staleness;
 *   until then it is blocked (its repeated DONEs are not answered). A worker waits for its own
 *   multicast only: the trainer's loop is the BSP one, the barrier is the controller's START.
 * - READY of kappa: the controller advances its fluid estimate of every transfer in flight
 *   (remaining v_ij -= assigned rate x elapsed time, clamped at 0; the workers are asked
 *   nothing), estimates tau_i for each (see below), builds the SspView (G plus kappa with every
 *   other active worker as candidate), calls Selector::SelectOnReady, PRUNEs the receivers the
 *   call dropped from other tasks (tree pruned, PRUNE to the sender, trace ReceiverDropped),
 *   installs kappa's tree, re-allocates the rates of every transfer in flight (SspRatePolicy:
 *   max-min, or strict priority by deadline = tau_i; with a fabric that can limit them, kept
 *   within every fabric link, see SetFabric) and sends kappa its ASSIGN and RATE to every
 *   other sender whose rate changed.
 * - DONE of i: c_ij = 0 for the receivers that completed, c_ij + 1 for every other active j;
 *   the multicast is recorded (MulticastComplete); rates re-allocated; blocked workers released.
 * - tau_i = 0 when i would not be blocked if its multicast finished now; otherwise the largest
 *   estimated time for a worker u that blocks i (r_u + Staleness < r_i + 1) to finish its
 *   current round: remaining volume / assigned rate when u is sending, else the compute time
 *   still expected (the mean of the READY - START intervals observed so far, from u's START)
 *   plus v / b^I_u.
 * - Lost RATE/PRUNE: once a transfer's rates or receivers changed after its ASSIGN, every
 *   HEARTBEAT of its sender for that round is answered with the current PRUNE list and RATE
 *   (both idempotent at the trainer), so a lost one is repaired within a heartbeat interval.
 *   A lost ASSIGN or START is repaired as in BSP (repeated READY / DONE).
 * - The run ends at Duration (when > 0) or when every active worker completed Rounds rounds;
 *   transfers still in flight then are not recorded.
 */
class SelmcastController : public Application
{
  public:
    /**
     * \brief Get the type ID.
     * \return the object TypeId
     */
    static TypeId GetTypeId();

    /** A controller with default attributes: call SetTopology before the application starts. */
    SelmcastController();
    ~SelmcastController() override;

    /**
     * Set the network: worker addresses, and the routers the trees go on. Call before start.
     * \param topology what SelmcastTopologyHelper built
     */
    void SetTopology(Ptr<SelmcastTopology> topology);

    /**
     * Fix the random streams (selector tie-breaks).
     * \param stream first stream index to use
     * \return the number of streams used (1)
     */
    int64_t AssignStreams(int64_t stream);

    /**
     * Plan BSP rounds on a fabric (issue 11): host i is worker i, its paths are those the trees
     * take (SelmcastFabricOfTopology, with the tree manager's SenderPaths on). Each round then
     * restricts it to the active workers, hands it to the selector selmcast-fabric, records the
     * generalized t(X) as planTime, and, when a fabric link can limit the plan
     * (Fabric::IsPortBound false) and RatePolicy is finish-together, paces every transfer at
     * v_i / t(X), which loads no link beyond its capacity, instead of sharing the ports' leftover
     * (maxmin and deadline still share the ports only). SSP: selmcast-fabric selects every
     * READY on the whole fabric (FabricSelectOnReady), and where a fabric link can limit the
     * rates every link is kept within its capacity (SspRates, SspFabricRates).
     * \param fabric a validated fabric with n hosts, or null for the ports only (default)
     */
    void SetFabric(std::shared_ptr<const selmcast::Fabric> fabric);

    /** \return the fabric of SetFabric, or null */
    std::shared_ptr<const selmcast::Fabric> GetFabric() const;

    /** \return c_ij over worker ids, n x n */
    const selmcast::Matrix<uint32_t>& GetCounters() const;
    /** \return rounds completed (SSP: the fewest any active worker completed) */
    uint32_t GetCompletedRounds() const;
    /** \return true while worker id is not excluded */
    bool IsActive(uint32_t id) const;
    /** \return true once every round is done */
    bool IsFinished() const;
    /** \return control packets dropped as malformed, foreign or unexpected */
    uint64_t GetMalformed() const;
    /** \return the tree manager (L3) */
    Ptr<SelmcastTreeManager> GetTreeManager() const;
    /** \return the messenger of tree changes (null with TreeMessages false or before start) */
    Ptr<SelmcastTreeMessenger> GetTreeMessenger() const;
    /** \return true in SSP mode */
    bool IsSsp() const;
    /**
     * \param id a worker
     * \return SSP: the rounds it completed (its DONEs processed); BSP: the completed rounds
     */
    uint32_t GetRoundsDone(uint32_t id) const;
    /** \return SSP: multicasts recorded so far */
    uint32_t GetMulticasts() const;
    /**
     * \param id a worker
     * \return the transfers in flight its last READY reported (SelmcastWorker::GetLoad)
     */
    uint32_t GetReportedInFlight(uint32_t id) const;
    /**
     * \param id a worker
     * \return the transfers queued its last READY reported (SelmcastWorker::GetLoad)
     */
    uint32_t GetReportedQueued(uint32_t id) const;

    /**
     * Check the attributes for n workers without starting anything.
     * \param n the number of workers
     * \return an empty string when valid, else a message naming the parameter and its range
     */
    std::string Validate(uint32_t n) const;

    /**
     * TracedCallback signature of RoundStarted.
     * \param round the round
     */
    typedef void (*RoundStartedTracedCallback)(uint32_t round);
    /**
     * TracedCallback signature of SelectionDone.
     * \param round the round
     * \param problem the problem solved (over the active workers)
     * \param plan the plan
     * \param workerIds problem index to worker id
     */
    typedef void (*SelectionTracedCallback)(uint32_t round,
                                            const selmcast::Problem& problem,
                                            const selmcast::Plan& plan,
                                            const std::vector<uint32_t>& workerIds);
    /**
     * TracedCallback signature of RoundComplete.
     * \param record the round
     */
    typedef void (*RoundTracedCallback)(const SelmcastRoundRecord& record);
    /**
     * TracedCallback signature of WorkerExcluded.
     * \param worker the worker id
     * \param round the controller's round
     */
    typedef void (*ExcludedTracedCallback)(uint32_t worker, uint32_t round);
    /**
     * TracedCallback signature of MulticastComplete.
     * \param record the multicast
     */
    typedef void (*MulticastTracedCallback)(const SelmcastMulticastRecord& record);
    /**
     * TracedCallback signature of ReceiverDropped.
     * \param sender the sending worker
     * \param round its round
     * \param receiver the receiver removed from the transfer in flight
     */
    typedef void (*DroppedTracedCallback)(uint32_t sender, uint32_t round, uint32_t receiver);
    /**
     * TracedCallback signature of MulticastSelected.
     * \param sender the worker that became ready
     * \param round its round
     * \param receivers the receivers chosen for its multicast
     * \param selectorSeconds wall time of the SelectOnReady call
     */
    typedef void (*MulticastSelectedTracedCallback)(uint32_t sender,
                                                    uint32_t round,
                                                    const std::vector<uint32_t>& receivers,
                                                    double selectorSeconds);

  protected:
    void DoDispose() override;

  private:
    void StartApplication() override;
    void StopApplication() override;

    /** Where the controller is in the round. */
    enum Phase
    {
        COLLECT,  //!< waiting for READYs
        SYNC,     //!< transfers in flight
        FINISHED, //!< all rounds done
    };

    /** One multicast (one sender's block of one round). */
    struct Transfer
    {
        uint32_t sender{0};              //!< worker id
        uint32_t round{0};               //!< round
        std::vector<uint32_t> receivers; //!< worker ids, as assigned
        std::set<uint32_t> pruned;       //!< receivers dropped (excluded)
        Ipv4Address group;               //!< L3 group (installed while !done)
        bool hasTree{false};             //!< a tree is installed
        bool done{false};                //!< DONE received or sender excluded
        std::vector<uint32_t> completed; //!< from the DONE
        Time start;                      //!< from the DONE
        Time end;                        //!< from the DONE
        uint64_t wireBytes{0};           //!< from the DONE
        uint64_t repairBytes{0};         //!< from the DONE
        SelmcastControlHeader assign;    //!< the ASSIGN sent (resent on a repeated READY)
        bool assignWaiting{false};       //!< the ASSIGN waits for the tree to be ready
        // SSP only.
        std::vector<double> remaining; //!< per receiver: fluid estimate of v_ij, wire bytes
        std::vector<double> rates;     //!< per receiver: assigned rate, wire bytes/s
        Time ready;                    //!< READY arrived
        bool changed{false};           //!< a RATE or PRUNE followed the ASSIGN
        double selectorSeconds{0};     //!< wall time of the selection
        uint32_t inFlight{0};          //!< the sender's READY: transfers in flight
        uint32_t queued{0};            //!< the sender's READY: transfers queued
    };

    /** A flow of the rate allocation: a transfer (L3) or one of its receivers (L7). */
    struct Flow
    {
        uint32_t transfer{0};  //!< index in m_transfers
        selmcast::RateFlow rf; //!< over problem indices
        double rate{0};        //!< current rate, wire bytes/s
    };

    /**
     * Socket receive callback.
     * \param socket the control socket
     */
    void HandleRead(Ptr<Socket> socket);
    /**
     * \param header a READY
     */
    void HandleReady(const SelmcastControlHeader& header);
    /**
     * \param header a DONE
     */
    void HandleDone(const SelmcastControlHeader& header);
    /** Every active worker is ready: select, install, allocate, assign. */
    void RunRound();
    /** Advance the fluid estimate to now, drop finished flows, re-allocate, send RATEs. */
    void Reallocate();
    /**
     * BSP: schedule Reallocate at the earliest estimated end of a flow that is sending, so that
     * the bandwidth a finished flow frees goes to the others as in the policy's fluid reference
     * (an L7 sender's DONE comes only after all its flows; deadline priority parks flows at 0).
     */
    void ScheduleReflow();
    /** Close the round when no transfer is left. */
    void MaybeCompleteRound();
    /** Exclude the workers silent for WorkerTimeout; re-arm. */
    void CheckLiveness();
    /**
     * \param id the worker to exclude
     */
    void Exclude(uint32_t id);
    /**
     * Send START(round) (or FINISH) to one worker.
     * \param id the worker
     */
    void SendStart(uint32_t id);
    /**
     * \param header the message
     * \param id the worker it goes to
     */
    void Send(const SelmcastControlHeader& header, uint32_t id);
    /**
     * Send a transfer's ASSIGN now, or once its tree is ready (no data may overtake a route).
     * \param sender the transfer's sender (BSP: of the round; SSP: its live transfer)
     */
    void SendAssign(uint32_t sender);
    /**
     * The tree of a waiting ASSIGN is ready: send it with the rates and receivers of now.
     * \param sender the transfer's sender
     * \param round the transfer's round (a later transfer of the sender is not this one)
     */
    void AssignReady(uint32_t sender, uint32_t round);
    /**
     * \param sender a worker
     * \return its current transfer (BSP: this round's; SSP: its live one), or null
     */
    Transfer* FindTransfer(uint32_t sender);
    /**
     * \param t a BSP transfer of this round
     * \return its ASSIGN entries: every receiver not pruned, at its flow's current rate
     */
    std::vector<SelmcastControlEntry> BspAssignEntries(const Transfer& t) const;
    /** \return the volume of a block in wire bytes */
    double WireVolume() const;
    /** The run is over: FINISH to everyone, stop the timers (and the simulator). */
    void Finish();
    /**
     * Tell every router's and worker's agent to stop the simulation at the same time, so that
     * every MPI rank stops there (nothing without tree messages).
     * \param at the absolute stop time
     */
    void StopEveryRank(Time at);

    // SSP (selmcast-controller-ssp.cc).
    /** Set up the per-worker SSP state at the start. */
    void SspStart();
    /**
     * \param header a READY
     */
    void SspHandleReady(const SelmcastControlHeader& header);
    /**
     * \param header a DONE
     */
    void SspHandleDone(const SelmcastControlHeader& header);
    /**
     * \param header a HEARTBEAT: answered with the state of a changed transfer in flight
     */
    void SspHandleHeartbeat(const SelmcastControlHeader& header);
    /** Advance the fluid estimate of every transfer in flight to now. */
    void SspAdvance();
    /**
     * SSP: at the earliest estimated end of a flow that is sending, advance the estimate and
     * re-share the rates (as ScheduleReflow does for BSP).
     */
    void SspScheduleReflow();
    /**
     * Re-allocate the rates of every transfer in flight; send RATE where a rate changed.
     * \param except the sender not to send a RATE to (its ASSIGN follows), or m_n for none
     */
    void SspAllocate(uint32_t except);
    /**
     * \param t a transfer in flight
     * \return the RATE message of its current rates
     */
    SelmcastControlHeader SspRateMessage(const Transfer& t) const;
    /**
     * \param t a transfer in flight with pruned receivers
     * \return the PRUNE message listing all of them
     */
    SelmcastControlHeader SspPruneMessage(const Transfer& t) const;
    /**
     * Remove receiver j from transfer t: tree pruned, PRUNE sent, no more rate.
     * \param t the transfer
     * \param j the receiver
     */
    void SspDrop(Transfer& t, uint32_t j);
    /**
     * \param i a sender in flight
     * \return tau_i in seconds (see the class description)
     */
    double SspTau(uint32_t i) const;
    /** \return the readings of Algorithm 2 set by attributes, by SetSspReading's names */
    std::map<std::string, std::string> SspReadings() const;
    /** \return what the tau estimate reads now (EstimateTau) */
    selmcast::SspTauInputs SspTauState() const;
    /**
     * \param senders filled with the sender of each task, in view order
     * \return the view of G (the transfers in flight, receivers still served)
     */
    selmcast::SspView SspBuildView(std::vector<uint32_t>& senders) const;
    /**
     * Drop the receivers the selector removed from the transfers in flight.
     * \param senders the sender of each task of the view
     * \param decision the selector's decision
     */
    void SspApplyDrops(const std::vector<uint32_t>& senders, const selmcast::SspDecision& decision);
    /** \return min over active workers of r_u */
    uint32_t SspMinRounds() const;
    /** START every blocked worker the staleness bound lets go. */
    void SspRelease();
    /**
     * \param id an excluded worker
     */
    void SspExclude(uint32_t id);
    /**
     * Send START(round) to one worker.
     * \param id the worker
     * \param round its next round
     */
    void SendStartRound(uint32_t id, uint32_t round);

    /**
     * The fabric of a BSP round over the active workers (cached while they stay the same), also
     * handed to a topology-aware selector.
     * \param ids the active workers, problem index to worker id
     * \return the fabric, or null without SetFabric or in SSP
     */
    std::shared_ptr<const selmcast::Fabric> RoundFabric(const std::vector<uint32_t>& ids);

    /**
     * SSP rates: SspRatePolicy over the ports, kept within every fabric link where one can limit
     * them (not Fabric::IsPortBound for the ports of now), as SspFabricRates says.
     * \param ports the ports of now
     * \param flows the flows of SspAllocate
     * \return one rate per flow
     */
    std::vector<double> SspRates(const selmcast::RatePorts& ports,
                                 const std::vector<selmcast::RateFlow>& flows) const;

    /**
     * SspRatePolicy, or max-min where it cannot hold.
     * \param ports the capacities
     * \param flows the flows
     * \return one rate per flow
     */
    std::vector<double> SspPolicyRates(const selmcast::RatePorts& ports,
                                       const std::vector<selmcast::RateFlow>& flows) const;

    /**
     * SspFabricRates scale: every flow slowed by the tightest factor c_l / load_l over the
     * fabric links it crosses, load_l what the port rates put on l (EvaluateOnFabric with the
     * rates as volumes; L7: a sender's unicasts at its fastest, an upper bound). Not
     * work-conserving: the bandwidth a slowed flow leaves is not given to others.
     * \param problem the ports of now (n, delivery, ingress, egress)
     * \param flows the flows
     * \param[in,out] rates the port rates, scaled down
     */
    void SspScaleToLinks(selmcast::Problem problem,
                         const std::vector<selmcast::RateFlow>& flows,
                         std::vector<double>& rates) const;

    /**
     * Pace on the fabric when one of its links can limit the plan: every flow at v_i / t(X).
     * \param problem the round's problem
     * \param plan its plan
     * \param flows the flows of the plan
     * \param[in,out] rates the port allocation, replaced when the fabric decides
     */
    void PaceOnFabric(const selmcast::Problem& problem,
                      const selmcast::Plan& plan,
                      const std::vector<selmcast::RateFlow>& flows,
                      std::vector<double>& rates);

    // Attributes.
    std::string m_selectorName;   //!< Selector
    std::string m_deliveryName;   //!< Delivery
    uint32_t m_minReceivers;      //!< p
    uint32_t m_forcedRoundLimit;  //!< k
    uint64_t m_blockSize;         //!< bytes per block
    uint32_t m_segmentSize;       //!< block bytes per segment
    uint32_t m_frameOverhead;     //!< wire bytes per segment beyond its block bytes
    std::string m_ratePolicyName; //!< RatePolicy
    Time m_workerTimeout;         //!< silence before exclusion
    uint32_t m_rounds;            //!< rounds to run
    uint16_t m_controlPort;       //!< UDP port
    bool m_stopWhenDone;          //!< Simulator::Stop after the last round
    bool m_rejoin;                //!< BSP: excluded workers heard again rejoin
    std::string m_modeName;       //!< Mode: BSP or SSP
    uint32_t m_staleness;         //!< SSP threshold
    double m_eta;                 //!< SSP eta
    std::string m_tauOrderName;   //!< TauOrder
    std::string m_paretoLoadName; //!< ParetoLoad
    std::string m_sspRateName;    //!< SspRatePolicy
    Time m_duration;              //!< SSP: run length (0: Rounds)

    // Attributes: the readings of Algorithm 2 (issue 14).
    std::string m_keepCompareName;    //!< KeepCompare
    std::string m_keepMeasureName;    //!< KeepMeasure
    std::string m_keepScopeName;      //!< KeepScope
    std::string m_paretoScopeName;    //!< ParetoScope
    std::string m_paretoDeadlineName; //!< ParetoDeadline
    std::string m_tauEstimateName;    //!< TauEstimate
    bool m_reselectOnDone;            //!< ReselectOnDone
    std::string m_sspFabricRatesName; //!< SspFabricRates

    // Planning on a fabric (issue 11).
    std::shared_ptr<const selmcast::Fabric> m_fabric;      //!< SetFabric's, or null
    std::shared_ptr<const selmcast::Fabric> m_roundFabric; //!< m_fabric over m_fabricIds
    std::vector<uint32_t> m_fabricIds;                     //!< the hosts of m_roundFabric
    bool m_fabricPaced{false}; //!< this round's rates come from the fabric: no re-allocation

    Ptr<SelmcastTopology> m_topology;               //!< the network
    Ptr<SelmcastTreeManager> m_trees;               //!< the multicast trees
    Ptr<SelmcastTreeMessenger> m_treeMessenger;     //!< tree changes as messages, or null
    bool m_treeMessages{true};                      //!< TreeMessages attribute
    std::unique_ptr<selmcast::Selector> m_selector; //!< the policy
    selmcast::Delivery m_delivery;                  //!< L3 or L7
    selmcast::RatePolicy m_ratePolicy;              //!< rate policy
    Ptr<UniformRandomVariable> m_seedVariable;      //!< seeds m_rng
    selmcast::Rng m_rng;                            //!< the selector's randomness
    Ptr<Socket> m_socket;                           //!< control socket
    EventId m_livenessEvent;                        //!< next CheckLiveness

    uint32_t m_n;                          //!< workers
    Phase m_phase;                         //!< where the round is
    uint32_t m_round;                      //!< current round
    uint32_t m_completedRounds;            //!< rounds done
    std::vector<bool> m_active;            //!< per worker: not excluded
    std::vector<bool> m_returning;         //!< per worker: excluded, heard again
    std::vector<Time> m_lastHeard;         //!< per worker: last message
    std::vector<bool> m_ready;             //!< per worker: READY for m_round
    std::vector<double> m_ingress;         //!< per worker: reported b^I, bytes/s
    std::vector<double> m_egress;          //!< per worker: reported b^E, bytes/s
    std::vector<uint32_t> m_inFlight;      //!< per worker: reported transfers in flight
    std::vector<uint32_t> m_queued;        //!< per worker: reported transfers queued
    selmcast::Matrix<uint32_t> m_counters; //!< c_ij over worker ids
    std::vector<Transfer> m_transfers;     //!< the round's transfers
    std::vector<int32_t> m_transferOf;     //!< per worker: its transfer index, or -1
    std::vector<Flow> m_flows;             //!< the rate allocation's flows
    std::vector<int32_t> m_index;          //!< worker id to problem index (-1: not in)
    selmcast::RatePorts m_ports;           //!< the round's port capacities
    Time m_lastAdvance;                    //!< when the fluid estimate was last advanced
    EventId m_reflowEvent;                 //!< next estimated end of a flow
    SelmcastRoundRecord m_record;          //!< the round being recorded
    uint64_t m_malformed;                  //!< control packets dropped

    // BSP: the re-allocation at every DONE keeps its memory and reads m_flows in place.
    selmcast::RateAllocator m_allocator;               //!< its scratch memory
    std::vector<const selmcast::RateFlow*> m_flowView; //!< m_flows' rf, in order

    bool m_ssp;                           //!< Mode is SSP
    selmcast::RatePolicy m_sspRatePolicy; //!< SSP rate policy
    selmcast::TauEstimate m_tauEstimate;  //!< SSP tau estimate
    std::map<uint32_t, Transfer> m_live;  //!< SSP: transfers in flight by sender
    std::vector<uint32_t> m_roundsDone;   //!< SSP: r_w
    std::vector<bool> m_blocked;          //!< SSP: DONE processed, START held back
    std::vector<Time> m_startSent;        //!< SSP: when the current compute was started
    Time m_computeSum;                    //!< SSP: sum of observed READY - START
    uint32_t m_computeCount;              //!< SSP: observations in m_computeSum
    uint32_t m_multicasts;                //!< SSP: multicasts recorded
    Time m_syncSum;                       //!< SSP: sum of READY-to-DONE over m_multicasts
    EventId m_durationEvent;              //!< SSP: end of the run

    /// A round started (START sent; round 0 at start).
    TracedCallback<uint32_t> m_roundStartedTrace;
    /// The selector chose the round's plan.
    TracedCallback<uint32_t,
                   const selmcast::Problem&,
                   const selmcast::Plan&,
                   const std::vector<uint32_t>&>
        m_selectionTrace;
    /// A round finished.
    TracedCallback<const SelmcastRoundRecord&> m_roundCompleteTrace;
    /// A worker was excluded.
    TracedCallback<uint32_t, uint32_t> m_excludedTrace;
    TracedCallback<uint32_t, uint32_t> m_returnedTrace; //!< WorkerReturned
    /// SSP: a multicast finished.
    TracedCallback<const SelmcastMulticastRecord&> m_multicastTrace;
    /// SSP: a receiver was removed from a transfer in flight.
    TracedCallback<uint32_t, uint32_t, uint32_t> m_droppedTrace;
    /// SSP: the selector chose a ready worker's receivers.
    TracedCallback<uint32_t, uint32_t, const std::vector<uint32_t>&, double>
        m_multicastSelectedTrace;
};

} // namespace ns3

#endif /* SELMCAST_CONTROLLER_H */
